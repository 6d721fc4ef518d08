package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.registration.PendingRegistration;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.MessageType;

/**
 * Publishes accepted registrations and ACKs each only once Kafka acknowledged its event.
 * A bounded queue and one publishing thread sit between the UDP receive thread and the producer,
 * so a slow or unreachable Kafka never stalls receiving: when the queue is full, or the producer's
 * buffer stays full for max.block.ms, the datagram is dropped as queue_full and the peer retransmits.
 */
public final class RegistrationPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RegistrationPublisher.class);

    private final Producer<String, byte[]> producer;
    private final PeerRegisteredRecords records;
    private final ReplySender replies;
    private final GatewayMetrics metrics;
    private final ThreadPoolExecutor executor;

    public RegistrationPublisher(Producer<String, byte[]> producer, PeerRegisteredRecords records, ReplySender replies,
                                 GatewayMetrics metrics, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("cascade.gateway.publish.queue-capacity must be at least 1, was "
                    + queueCapacity);
        }
        this.producer = producer;
        this.records = records;
        this.replies = replies;
        this.metrics = metrics;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "gateway-kafka-publisher");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code pending} for Kafka; false (and counted as queue_full) if the queue is full. */
    public boolean publish(PendingRegistration pending) {
        try {
            executor.execute(() -> send(pending));
            return true;
        } catch (RejectedExecutionException e) {
            metrics.dropped(DropReason.QUEUE_FULL);
            return false;
        }
    }

    private void send(PendingRegistration pending) {
        PeerRegistered event = records.event(pending);
        Thread sendingThread = Thread.currentThread();
        Exception[] refused = new Exception[1];
        try {
            producer.send(records.record(event), (metadata, failure) -> {
                if (failure != null && Thread.currentThread() == sendingThread) {
                    refused[0] = failure; // called back inside send(): the producer did not take the record
                } else {
                    onResult(pending, event, failure);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            refused[0] = e;
        }
        if (refused[0] == null) {
            metrics.accepted(MessageType.REGISTER);
        } else if (refused[0] instanceof TimeoutException) {
            // no metadata or buffer space within max.block.ms (BufferExhaustedException is a TimeoutException)
            metrics.dropped(DropReason.QUEUE_FULL);
            LOG.debugf("Kafka producer cannot take event %s: %s", event.getEventId(), refused[0].getMessage());
        } else {
            metrics.publishFailed();
            LOG.warnf("cannot publish event %s of device %s: %s", event.getEventId(), event.getDeviceId(),
                    refused[0].getMessage());
        }
    }

    /** Runs on the producer's I/O thread: keep it short. */
    private void onResult(PendingRegistration pending, PeerRegistered event, Exception failure) {
        if (failure != null) {
            metrics.publishFailed();
            LOG.warnf("Kafka did not take event %s of device %s, no ACK (the peer retransmits): %s",
                    event.getEventId(), event.getDeviceId(), failure.getMessage());
            return;
        }
        metrics.published(pending.receivedNanos());
        replies.ack(pending.source(), pending.key(), Ack.newBuilder()
                .setAckedSequence(pending.header().sequence())
                .setEventId(event.getEventId())
                .build());
    }

    /** Registrations waiting for the producer. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Lets the queued registrations reach the producer, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d registrations still queued for Kafka at shutdown are dropped (their peers retransmit)",
                        executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
