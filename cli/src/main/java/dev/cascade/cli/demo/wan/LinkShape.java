package dev.cascade.cli.demo.wan;

import java.time.Duration;

/**
 * What one direction of an emulated WAN link does to a datagram, like {@code tc tbf rate … latency …} plus a wire:
 * it serialises datagrams one after another at {@code bitsPerSecond} (IP and UDP headers included), drops a datagram
 * that would wait in the queue longer than {@code queueLimit}, and delivers each one {@code propagationDelay} after
 * it left.
 *
 * @param bitsPerSecond the link's rate, 1 bit/s … 100 Gbit/s
 * @param queueLimit the longest a datagram may wait for the datagrams ahead of it, 0 … 60 s
 * @param propagationDelay the one-way delay of the wire, 0 … 10 s
 */
public record LinkShape(long bitsPerSecond, Duration queueLimit, Duration propagationDelay) {

    private static final long MAX_RATE = 100_000_000_000L;
    private static final Duration MAX_QUEUE_LIMIT = Duration.ofSeconds(60);
    private static final Duration MAX_PROPAGATION = Duration.ofSeconds(10);

    public LinkShape {
        if (bitsPerSecond < 1 || bitsPerSecond > MAX_RATE) {
            throw new IllegalArgumentException("link rate " + bitsPerSecond + " bit/s is outside 1 … " + MAX_RATE
                    + " bit/s");
        }
        requireWithin("queue limit", queueLimit, MAX_QUEUE_LIMIT);
        requireWithin("propagation delay", propagationDelay, MAX_PROPAGATION);
    }

    /** A link of {@code megabitsPerSecond} Mbit/s (10^6 bit/s). */
    public static LinkShape megabits(double megabitsPerSecond, Duration queueLimit, Duration propagationDelay) {
        if (!(megabitsPerSecond > 0) || Double.isInfinite(megabitsPerSecond)) {
            throw new IllegalArgumentException("link rate " + megabitsPerSecond + " Mbit/s is not a positive number");
        }
        return new LinkShape(Math.round(megabitsPerSecond * 1_000_000), queueLimit, propagationDelay);
    }

    /** How long {@code wireBytes} take to leave at this rate, in nanoseconds, rounded up. */
    public long serializationNanos(int wireBytes) {
        // at most 65 535 bytes × 8 × 10^9 < 2^63: no overflow
        long bitNanos = wireBytes * 8L * 1_000_000_000L;
        return (bitNanos + bitsPerSecond - 1) / bitsPerSecond;
    }

    private static void requireWithin(String what, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0 … " + max);
        }
    }
}
