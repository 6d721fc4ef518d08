package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.gateway.metrics.GatewayMetrics;

/**
 * Signs and sends the ACKs of events Kafka acknowledged, on a thread of its own: the producer's
 * I/O thread only queues them, so an ACK's HMAC and socket write never delay the next produce
 * request. The queue is bounded; an ACK that does not fit is dropped and counted (the sender
 * retransmits, as for any lost ACK).
 */
final class AckSender {

    private static final Logger LOG = Logger.getLogger(AckSender.class);
    /** About 20 MiB of producer buffer in flight at the gateway's record sizes. */
    static final int DEFAULT_CAPACITY = 65_536;
    private static final int BATCH = 512;
    private static final long POLL_MILLIS = 200;

    private final GatewayMetrics metrics;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    private record Pending(AcceptedDatagram accepted, String eventId) {
    }

    AckSender(GatewayMetrics metrics, int capacity) {
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::sendLoop, "gateway-ack-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the ACK of {@code accepted}, whose event Kafka acknowledged as {@code eventId}; never blocks. */
    void acknowledge(AcceptedDatagram accepted, String eventId) {
        if (!queue.offer(new Pending(accepted, eventId))) {
            metrics.ackDropped();
        }
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Pending pending : batch) {
                    send(pending);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                metrics.internalError();
                LOG.errorf(e, "sending ACKs failed");
            } finally {
                batch.clear();
            }
        }
    }

    private static void send(Pending pending) {
        AcceptedDatagram accepted = pending.accepted();
        accepted.ackVia().ifPresent(replies -> replies.ack(accepted.source(), accepted.key(), Ack.newBuilder()
                .setAckedSequence(accepted.header().sequence())
                .setEventId(pending.eventId())
                .build()));
    }

    /** Sends what is queued (at most {@code timeout}), then stops. Call after the producer is closed. */
    void shutdown(Duration timeout) {
        running = false;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("%d ACKs not sent at shutdown (their senders retransmit)", queue.size());
            thread.interrupt();
        }
    }
}
