package dev.cascade.wire.large;

import java.time.Duration;

/**
 * How a {@link LargeMessageSender} paces and retransmits.
 *
 * @param burstFragments   fragments sent back to back before pausing
 * @param burstGap         pause after each burst (during which acks are read); the default 32 × 1200 bytes per 2 ms
 *                         caps a sender near 150 Mbit/s, which a LAN absorbs. Real congestion control is the adaptive
 *                         protocol's job (control signals), not v1's.
 * @param initialAckTimeout how long to wait for an ack after a round; doubled after each round without progress
 * @param maxAckTimeout    cap of that wait
 * @param settle           after the first ack of a round, how long to keep reading for a fuller one; must exceed
 *                         the receiver's ack delay (50 ms by default)
 * @param maxIdleRounds    give up after this many consecutive rounds in which no ack showed a new fragment
 * @param maxRounds        give up after this many rounds in any case
 */
public record SendSettings(int burstFragments, Duration burstGap, Duration initialAckTimeout, Duration maxAckTimeout,
                           Duration settle, int maxIdleRounds, int maxRounds) {

    public static final SendSettings DEFAULTS = new SendSettings(32, Duration.ofMillis(2), Duration.ofMillis(250),
            Duration.ofSeconds(8), Duration.ofMillis(100), 6, 64);

    public SendSettings {
        if (burstFragments < 1 || maxIdleRounds < 1 || maxRounds < 1) {
            throw new IllegalArgumentException("burst size and round limits must be positive: " + this);
        }
        if (burstGap.isNegative() || initialAckTimeout.toMillis() < 1 || maxAckTimeout.compareTo(initialAckTimeout) < 0
                || settle.isNegative()) {
            throw new IllegalArgumentException("send timings must be positive and ordered: " + this);
        }
    }

    /** The ack wait after {@code idleRounds} rounds without progress: exponential, capped. */
    Duration ackTimeout(int idleRounds) {
        long millis = initialAckTimeout.toMillis() << Math.min(idleRounds, 20);
        return Duration.ofMillis(Math.min(millis, maxAckTimeout.toMillis()));
    }
}
