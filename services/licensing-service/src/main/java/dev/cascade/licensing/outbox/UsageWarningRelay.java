package dev.cascade.licensing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.cascade.contracts.v1.LicenseUsageWarning;
import dev.cascade.licensing.config.LicensingConfig;
import dev.cascade.licensing.service.UsageChanged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Publishes usage warnings from the outbox table to {@link #TOPIC}, in commit order, each marked
 * published only after Kafka acknowledged it (acks=all, idempotent producer). One thread, woken
 * after a commit that wrote a warning and by a slow poll. On a failure it keeps the warning, pauses
 * (doubling) and starts again from it: nothing is lost or reordered. A crash between the
 * acknowledgement and the mark, or two replicas relaying at once, publishes a warning twice with
 * the same event id; consumers deduplicate. (topology-service's relay works the same way; this one
 * reads its own table, whose rows are also the warning history, so they are kept.)
 */
@ApplicationScoped
public class UsageWarningRelay {

    /** {@link LicenseUsageWarning}, key {@link #KEY}. */
    public static final String TOPIC = dev.cascade.contracts.Topics.LICENSING_USAGE_WARNINGS;
    /** Usage is one entity: every warning on one partition, in order. */
    public static final String KEY = dev.cascade.contracts.Topics.LICENSING_USAGE_WARNINGS_KEY;
    private static final Logger LOG = Logger.getLogger(UsageWarningRelay.class);
    private static final String TYPE = LicenseUsageWarning.getDescriptor().getFullName();
    private static final int BATCH = 100;

    @Inject
    UsageWarningOutbox outbox;

    @Inject
    LicensingConfig config;

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
    private volatile boolean running;
    private Thread thread;
    /** Only the relay thread touches it. */
    private Producer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        Gauge.builder("cascade_licensing_warnings_outbox_pending", pending, AtomicLong::get)
                .description("Usage warnings not yet acknowledged by Kafka").register(registry);
        running = true;
        wake(); // warnings left unpublished by the previous run go out now
        thread = new Thread(this::run, "usage-warning-relay");
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

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsageChanged change) {
        if (change.warnedThreshold() > 0) {
            wake();
        }
    }

    /** True while the relay thread runs (the liveness check reports it). */
    public boolean alive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    public void wake() {
        wakeUps.release();
    }

    private void run() {
        Duration retryDelay = Duration.ZERO;
        LicensingConfig.Warnings settings = config.warnings();
        while (running) {
            try {
                if (retryDelay.isZero()) {
                    wakeUps.tryAcquire(settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    Thread.sleep(retryDelay.toMillis());
                }
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
            try {
                relayPending(settings.sendTimeout());
                retryDelay = Duration.ZERO;
            } catch (RuntimeException | Error e) {
                // an Error too: the relay is the only way warnings leave, so it outlives the cause and tries again
                if (!running) {
                    break;
                }
                registry.counter("cascade_licensing_warnings_publish_failures_total").increment();
                closeProducer();
                retryDelay = retryDelay.isZero() ? settings.retryDelay()
                        : min(retryDelay.multipliedBy(2), settings.maxRetryDelay());
                LOG.warnf("usage-warning relay: %s; %d warnings wait, next attempt in %s", e.getMessage(), pending.get(), retryDelay);
            }
        }
        closeProducer();
    }

    private void relayPending(Duration timeout) {
        try {
            List<UsageWarningOutbox.Pending> batch;
            do {
                batch = outbox.unpublished(BATCH);
                for (UsageWarningOutbox.Pending warning : batch) {
                    send(warning, timeout); // one at a time: a later warning never overtakes an earlier one
                    outbox.markPublished(warning.id(), Instant.now(clock));
                    registry.counter("cascade_licensing_warnings_published_total").increment();
                }
            } while (batch.size() == BATCH);
        } finally {
            pending.set(outbox.pending());
        }
    }

    private void send(UsageWarningOutbox.Pending warning, Duration timeout) {
        LicenseUsageWarning event = warning.event();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, KEY, event.toByteArray());
        record.headers().add(EventHeaders.EVENT_ID, EventHeaders.bytes(event.getEventId()));
        record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(TYPE));
        try {
            producer(timeout).send(record).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing warning " + event.getEventId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("warning " + event.getEventId() + " was not published to " + TOPIC + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new IllegalStateException("warning " + event.getEventId() + " was not published to " + TOPIC + ": " + e, e);
        }
    }

    private Producer<String, byte[]> producer(Duration timeout) {
        if (producer == null) {
            int timeoutMs = (int) timeout.toMillis();
            Map<String, Object> settings = new HashMap<>();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-warnings");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs / 2));
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
