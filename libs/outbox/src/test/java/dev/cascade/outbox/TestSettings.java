package dev.cascade.outbox;

import java.time.Duration;

/** Relay settings for tests: short pauses, so that a test sees the retries quickly. */
record TestSettings(Duration pollEvery, int batchSize, Duration sendTimeout, Duration retryDelay, Duration maxRetryDelay,
        Duration retention, int maxRecordBytes) implements OutboxConfig {

    static TestSettings quick(int batchSize, int maxRecordBytes) {
        return new TestSettings(Duration.ofMillis(200), batchSize, Duration.ofSeconds(5), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofDays(7), maxRecordBytes);
    }
}
