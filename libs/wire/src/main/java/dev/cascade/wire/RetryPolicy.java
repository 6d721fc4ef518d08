package dev.cascade.wire;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retransmission of small messages: up to {@code maxAttempts} sends, waiting
 * {@code initialTimeout * 2^(attempt-1)} (capped at {@code maxTimeout}) for an answer after each,
 * with ±{@code jitter} randomisation so that a fleet rebooting together does not retransmit in step.
 */
public record RetryPolicy(int maxAttempts, Duration initialTimeout, Duration maxTimeout, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(8), 0.25);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** How long to wait for an answer after attempt number {@code attempt} (1-based). */
    public Duration timeoutAfter(int attempt) {
        long base = initialTimeout.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxTimeout.toMillis());
        double factor = 1 + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter));
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
