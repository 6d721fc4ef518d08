package dev.cascade.wire.transfer;

import java.time.Duration;

/**
 * How a {@link PieceServer} shares its upload (defaults in docs/protocol.md §17.6).
 *
 * @param uploadSlots        requesters served at once; the next one is told BUSY
 * @param slotIdleTimeout    a slot not used for this long is free again
 * @param busyRetryAfter     the retry_after_ms told with BUSY
 * @param requestsPerSecond  PIECE_REQUESTs accepted per source IP per second (token bucket rate)
 * @param requestBurst       and its burst
 * @param maxRateSources     source addresses whose buckets are remembered
 * @param cachedPieces       pieces kept in memory between requests (a piece is asked for in many requests)
 * @param fetchingRetryAfter the retry_after_ms told with NOT_HELD while this holder is fetching the content itself
 */
public record ServerSettings(int uploadSlots, Duration slotIdleTimeout, Duration busyRetryAfter,
                             double requestsPerSecond, double requestBurst, int maxRateSources, int cachedPieces,
                             Duration fetchingRetryAfter) {

    public static final ServerSettings DEFAULTS = new ServerSettings(4, Duration.ofSeconds(3), Duration.ofSeconds(2),
            5_000, 1_000, 4_096, 8, Duration.ofMillis(500));

    public ServerSettings {
        if (uploadSlots < 1 || slotIdleTimeout.toMillis() < 1 || busyRetryAfter.isNegative()
                || busyRetryAfter.toMillis() > 600_000 || cachedPieces < 0 || fetchingRetryAfter.toMillis() < 1
                || fetchingRetryAfter.toMillis() > 600_000) {
            throw new IllegalArgumentException("server settings out of range: " + this);
        }
    }

    public ServerSettings withUploadSlots(int slots) {
        return new ServerSettings(slots, slotIdleTimeout, busyRetryAfter, requestsPerSecond, requestBurst,
                maxRateSources, cachedPieces, fetchingRetryAfter);
    }

    public ServerSettings withSlotIdleTimeout(Duration idle) {
        return new ServerSettings(uploadSlots, idle, busyRetryAfter, requestsPerSecond, requestBurst, maxRateSources,
                cachedPieces, fetchingRetryAfter);
    }
}
