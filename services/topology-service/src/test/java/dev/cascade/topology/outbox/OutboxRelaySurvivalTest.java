package dev.cascade.topology.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.config.ServerAddress;
import dev.cascade.topology.config.TopologyConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The relay is the only way committed topology changes reach Kafka: an error thrown while it reads
 * the outbox — an OutOfMemoryError while another thread imports a huge sheet is the case seen —
 * must not end its thread. The store here is a stand-in for that one class; the relay is real.
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
        relay.config = new FastRetries();
        relay.clock = Clock.systemUTC();
        relay.registry = new SimpleMeterRegistry();
        relay.bootstrapServers = "127.0.0.1:1"; // never contacted: there is nothing to publish
        relay.applicationName = "topology-service-test";
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

    /** Short pauses so that the test sees the retries quickly. */
    private static final class FastRetries implements TopologyConfig {

        @Override
        public String refreshEvery() {
            return "5s";
        }

        @Override
        public Duration peersDeadline() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Optional<ServerAddress> serverIp() {
            return Optional.empty();
        }

        @Override
        public Outbox outbox() {
            return new Outbox() {
                @Override
                public Duration pollEvery() {
                    return Duration.ofMillis(50);
                }

                @Override
                public int batchSize() {
                    return 100;
                }

                @Override
                public Duration sendTimeout() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public Duration retryDelay() {
                    return Duration.ofMillis(20);
                }

                @Override
                public Duration maxRetryDelay() {
                    return Duration.ofMillis(40);
                }

                @Override
                public Duration retention() {
                    return Duration.ofDays(7);
                }
            };
        }
    }
}
