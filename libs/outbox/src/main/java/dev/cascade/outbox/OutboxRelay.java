package dev.cascade.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.outbox.OutboxStore.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Publishes outbox rows to Kafka in id order and marks them published. One thread, woken right
 * after a commit that wrote to the outbox ({@link Outbox}) and by a slow poll as a safety net. An
 * event is marked only after Kafka acknowledged it (acks=all, idempotent producer), and the relay
 * never moves past an event it could not publish: on a failure it pauses (growing pauses) and
 * starts again from that event, so nothing is lost or reordered. A crash between the acknowledgement and the mark, or a second
 * replica relaying the same rows, publishes an event twice; consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** The tag of every outbox metric: the service's name ({@code quarkus.application.name}). */
    private static final String SERVICE_TAG = "service";

    @Inject
    OutboxStore store;

    @Inject
    OutboxConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private Counter published;
    private Counter failures;
    private volatile boolean running;
    private Thread thread;
    /** Only the relay thread touches it. */
    private Producer<String, byte[]> producer;

    /** Kafka did not acknowledge an event. */
    private static final class PublishFailure extends RuntimeException {
        PublishFailure(PendingEvent event, Throwable cause) {
            super("event " + event.eventId() + " (outbox row " + event.id() + ", " + event.eventType() + ") was not published to "
                    + event.topic() + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        }
    }

    void start(@Observes StartupEvent event) {
        // one name in every service, told apart by the service tag
        Gauge.builder("cascade_outbox_pending", pending, AtomicLong::get).tag(SERVICE_TAG, applicationName)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        published = Counter.builder("cascade_outbox_published_total").tag(SERVICE_TAG, applicationName)
                .description("Outbox events acknowledged by Kafka").register(registry);
        failures = Counter.builder("cascade_outbox_publish_failures_total").tag(SERVICE_TAG, applicationName)
                .description("Attempts to publish an outbox event that Kafka did not acknowledge (retried)").register(registry);
        running = true;
        wake(); // events left unpublished by the previous run go out now, not at the first poll
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** True while the relay thread runs (the liveness check reports it). */
    public boolean alive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    /** Makes the relay look for unpublished events now. */
    public void wake() {
        wakeUps.release();
    }

    private void run() {
        Duration retryDelay = Duration.ZERO;
        Instant nextPurge = Instant.EPOCH;
        OutboxConfig settings = config;
        while (running) {
            try {
                if (retryDelay.isZero()) {
                    wakeUps.tryAcquire(settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    Thread.sleep(retryDelay.toMillis()); // commits meanwhile do not cut a pause short
                }
                wakeUps.drainPermits(); // every commit signalled so far is visible to the read below
            } catch (InterruptedException e) {
                break;
            }
            try {
                relayPending(settings);
                retryDelay = Duration.ZERO;
                Instant now = Instant.now(clock);
                if (!now.isBefore(nextPurge)) {
                    purge(now.minus(settings.retention()));
                    nextPurge = now.plus(PURGE_EVERY);
                }
            } catch (RuntimeException | Error e) {
                // an Error too (an OutOfMemoryError while another thread imports a huge topology sheet):
                // the relay is the only way events leave, so it must outlive the cause and try again
                if (!running) {
                    break;
                }
                if (e instanceof PublishFailure) {
                    failures.increment();
                } else {
                    LOG.errorf(e, "outbox relay: unexpected failure");
                }
                closeProducer(); // a fresh producer after a failure: no state left from the failed attempt
                retryDelay = retryDelay.isZero() ? settings.retryDelay() : min(retryDelay.multipliedBy(2), settings.maxRetryDelay());
                LOG.warnf("outbox relay: %s; %d events wait, next attempt in %s", e.getMessage(), pending.get(), retryDelay);
            }
        }
        closeProducer();
    }

    private void relayPending(OutboxConfig settings) {
        try {
            for (;;) {
                List<PendingEvent> batch = store.unpublished(settings.batchSize());
                List<Long> sent = new ArrayList<>(batch.size());
                PublishFailure failure = null;
                for (PendingEvent event : batch) {
                    try {
                        send(event, settings.sendTimeout());
                    } catch (PublishFailure e) {
                        failure = e;
                        break;
                    }
                    sent.add(event.id());
                }
                store.markPublished(sent, Instant.now(clock));
                published.increment(sent.size());
                if (failure != null) {
                    throw failure;
                }
                if (batch.size() < settings.batchSize()) {
                    return;
                }
            }
        } finally {
            pending.set(store.pending());
        }
    }

    private void send(PendingEvent event, Duration timeout) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(EventHeaders.EVENT_ID, EventHeaders.bytes(event.eventId()));
        record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(event.eventType()));
        try {
            // one at a time: the next event leaves only after this one is acknowledged, so a failure
            // can never let a later event overtake an earlier one
            producer(timeout).send(record).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure(event, e);
        } catch (ExecutionException e) {
            throw new PublishFailure(event, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new PublishFailure(event, e);
        }
    }

    private Producer<String, byte[]> producer(Duration timeout) {
        if (producer == null) {
            int timeoutMs = (int) timeout.toMillis();
            Map<String, Object> settings = new HashMap<>();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs / 2));
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRecordBytes());
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }

    private void purge(Instant before) {
        long purged = store.purgePublishedBefore(before);
        if (purged > 0) {
            LOG.infof("outbox: deleted %d events published before %s", purged, before);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
