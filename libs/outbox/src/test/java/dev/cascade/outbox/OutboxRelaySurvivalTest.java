package dev.cascade.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The relay is the only way a service's committed changes reach Kafka: an error thrown while it
 * reads the outbox — an OutOfMemoryError while another thread imports a huge topology sheet is the
 * case seen — must not end its thread. The store here is a stand-in for that one class; the relay is real.
 */
class OutboxRelaySurvivalTest {

    @Test
    void anOutOfMemoryErrorWhileReadingTheOutboxPausesTheRelayInsteadOfEndingIt() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OutboxRelay relay = new OutboxRelay();
        relay.store = new OutboxStore() {
            @Override
            public List<PendingEvent> unpublished(int max) {
                if (reads.incrementAndGet() <= 2) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                return List.of();
            }

            @Override
            public long pending() {
                return 0;
            }

            @Override
            public void markPublished(List<Long> ids, Instant at) {
            }

            @Override
            public long purgePublishedBefore(Instant before) {
                return 0;
            }
        };
        // polls every 50 ms, pauses 20 ms doubling to 40 ms: the test sees the retries quickly
        relay.config = new TestSettings(Duration.ofMillis(50), 100, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofDays(7), 1_048_576);
        relay.clock = Clock.systemUTC();
        relay.registry = new SimpleMeterRegistry();
        relay.bootstrapServers = "127.0.0.1:1"; // never contacted: there is nothing to publish
        relay.applicationName = "outbox-test";
        relay.start(null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 3);
            assertThat(relay.alive()).as("the relay thread outlives the errors").isTrue();
            int before = reads.get();
            relay.wake();
            await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() > before);
        } finally {
            relay.stop(null);
        }
        assertThat(relay.alive()).isFalse();
    }
}
