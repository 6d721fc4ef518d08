package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DropReason;

/**
 * Publishes accepted datagrams of every family and ACKs a sender only once Kafka acknowledged its
 * event. A bounded queue and one publishing thread sit between the UDP receive threads and the
 * producer, so a slow or unreachable Kafka never stalls receiving: when the queue is full, or the
 * producer's buffer stays full for max.block.ms, the datagram is dropped as queue_full and the
 * sender retransmits. What differs between families is only how the record is built ({@link EventRecords})
 * and whether the sender is acknowledged ({@link AcceptedDatagram#ackVia()}).
 */
public final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final GatewayMetrics metrics;
    private final ThreadPoolExecutor executor;

    public EventPublisher(Producer<String, byte[]> producer, GatewayMetrics metrics, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("cascade.gateway.publish.queue-capacity must be at least 1, was "
                    + queueCapacity);
        }
        this.producer = producer;
        this.metrics = metrics;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "gateway-kafka-publisher");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code accepted} for Kafka; false (and counted as queue_full) if the queue is full or closed. */
    public boolean publish(AcceptedDatagram accepted, EventRecords records) {
        try {
            executor.execute(() -> send(accepted, records));
            return true;
        } catch (RejectedExecutionException e) {
            metrics.dropped(DropReason.QUEUE_FULL);
            return false;
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
        accepted.ackVia().ifPresent(replies -> replies.ack(accepted.source(), accepted.key(), Ack.newBuilder()
                .setAckedSequence(accepted.header().sequence())
                .setEventId(eventId)
                .build()));
    }

    /** Datagrams waiting for the producer. */
    public int queued() {
        return executor.getQueue().size();
    }

    /**
     * The shutdown order that never ACKs without a Kafka write: take nothing new, let the queued
     * datagrams reach the producer (at most {@code timeout}; what is still queued then is dropped
     * unacknowledged), then close the producer, which waits (at most {@code timeout}) for the
     * broker's acknowledgements; their callbacks send the ACKs, and a record not acknowledged by
     * then fails its callback, which sends no ACK. Receive threads must be stopped before.
     */
    public void shutdown(Duration timeout) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d datagrams still queued for Kafka at shutdown are dropped unacknowledged "
                        + "(their senders retransmit)", executor.getQueue().size());
                executor.shutdownNow();
                // the one send() in progress may still be handing its record to the producer
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        producer.close(timeout);
    }
}
