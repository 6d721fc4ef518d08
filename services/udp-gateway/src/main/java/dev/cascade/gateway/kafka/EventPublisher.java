package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DropReason;

/**
 * Publishes accepted datagrams of every family and ACKs a sender only once Kafka acknowledged its
 * event. A bounded queue and one publishing thread sit between the UDP receive threads and the
 * producer, so a slow or unreachable Kafka never stalls receiving: when the queue is full, or the
 * producer's buffer stays full for max.block.ms, the datagram is dropped as queue_full and the
 * sender retransmits. The publishing thread takes queued datagrams in batches, so a burst costs one
 * wake-up, not one per datagram. The producer's acknowledgements are handed to an {@link AckSender},
 * so signing and sending ACKs never holds up the producer's I/O thread. What differs between
 * families is only how the record is built ({@link EventRecords}) and whether the sender is
 * acknowledged ({@link AcceptedDatagram#ackVia()}).
 */
public final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final int BATCH = 512;
    private static final long POLL_MILLIS = 200;

    private final Producer<String, byte[]> producer;
    private final GatewayMetrics metrics;
    private final BlockingQueue<Queued> queue;
    private final AckSender acks;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean draining = true;

    private record Queued(AcceptedDatagram accepted, EventRecords records) {
    }

    public EventPublisher(Producer<String, byte[]> producer, GatewayMetrics metrics, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("cascade.gateway.publish.queue-capacity must be at least 1, was "
                    + queueCapacity);
        }
        this.producer = producer;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.acks = new AckSender(metrics, AckSender.DEFAULT_CAPACITY);
        this.thread = new Thread(this::publishLoop, "gateway-kafka-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code accepted} for Kafka; false (and counted as queue_full) if the queue is full or closed. */
    public boolean publish(AcceptedDatagram accepted, EventRecords records) {
        if (!accepting || !queue.offer(new Queued(accepted, records))) {
            metrics.dropped(DropReason.QUEUE_FULL);
            return false;
        }
        return true;
    }

    private void publishLoop() {
        List<Queued> batch = new ArrayList<>(BATCH);
        while (draining) {
            try {
                Queued first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!accepting) {
                        return; // shut down and nothing left
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Queued queued : batch) {
                    if (!draining) {
                        break;
                    }
                    send(queued.accepted(), queued.records());
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                batch.clear();
                metrics.internalError();
                LOG.errorf(e, "publishing a batch of accepted datagrams failed");
            }
        }
    }

    private void send(AcceptedDatagram accepted, EventRecords records) {
        String eventId = EventIds.eventId(accepted.header());
        ProducerRecord<String, byte[]> record = records.record(accepted);
        Thread sendingThread = Thread.currentThread();
        Exception[] refused = new Exception[1];
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null && Thread.currentThread() == sendingThread) {
                    refused[0] = failure; // called back inside send(): the producer did not take the record
                } else {
                    onResult(accepted, eventId, failure);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            refused[0] = e;
        }
        if (refused[0] == null) {
            metrics.accepted(accepted.type());
        } else if (refused[0] instanceof TimeoutException) {
            // no metadata or buffer space within max.block.ms (BufferExhaustedException is a TimeoutException)
            metrics.dropped(DropReason.QUEUE_FULL);
            LOG.debugf("Kafka producer cannot take event %s: %s", eventId, refused[0].getMessage());
        } else {
            metrics.publishFailed();
            LOG.warnf("cannot publish event %s (%s from %s): %s", eventId, accepted.type(),
                    accepted.header().senderId(), refused[0].getMessage());
        }
    }

    /** Runs on the producer's I/O thread: keep it short. */
    private void onResult(AcceptedDatagram accepted, String eventId, Exception failure) {
        if (failure != null) {
            metrics.publishFailed();
            LOG.warnf("Kafka did not take event %s (%s from %s), no ACK (the sender retransmits): %s",
                    eventId, accepted.type(), accepted.header().senderId(), failure.getMessage());
            return;
        }
        metrics.published(accepted.receivedNanos());
        if (accepted.ackVia().isPresent()) {
            acks.acknowledge(accepted, eventId);
        }
    }

    /** Datagrams waiting for the producer. */
    public int queued() {
        return queue.size();
    }

    /**
     * The shutdown order that never ACKs without a Kafka write: take nothing new, let the queued
     * datagrams reach the producer (at most {@code timeout}; what is still queued then is dropped
     * unacknowledged), then close the producer, which waits (at most {@code timeout}) for the
     * broker's acknowledgements; their callbacks queue the ACKs, and a record not acknowledged by
     * then fails its callback, which queues no ACK. Last, the queued ACKs are sent. Receive threads
     * must be stopped before.
     */
    public void shutdown(Duration timeout) {
        accepting = false;
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                draining = false; // stop handing records to the producer; what is still queued is dropped
                thread.join(timeout.toMillis()); // the one send() in progress may still be handing its record over
                LOG.warnf("%d datagrams still queued for Kafka at shutdown are dropped unacknowledged "
                        + "(their senders retransmit)", queue.size());
                queue.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            draining = false;
            thread.interrupt();
        }
        producer.close(timeout);
        acks.shutdown(timeout);
    }
}
