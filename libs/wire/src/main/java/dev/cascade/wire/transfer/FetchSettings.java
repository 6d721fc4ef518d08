package dev.cascade.wire.transfer;

import java.time.Duration;

/**
 * How a {@link PieceFetcher} asks (defaults in docs/protocol.md §17.4; the background protocol's in §18.4).
 *
 * @param maxDatagramSize      largest BLOCK datagram to ask for; 0 = derive from the MTU towards each source
 * @param requestBatch         blocks asked for in one request at most (bounds each burst a holder sends)
 * @param piecesPerSource      pieces assembled from one source at once (the next starts while the last blocks
 *                             of the previous are in flight)
 * @param initialRto           retransmission timeout before the first round-trip sample
 * @param minRto               lower bound of the timeout
 * @param maxRto               upper bound of the timeout, backoff included
 * @param maxTimeouts          consecutive timeouts without any block after which a source is unreachable
 * @param busyRetries          BUSY answers from one source after which it is given up
 * @param stallTimeout         a piece with no block from its source for this long may be taken by an idle source
 * @param growthWait           a source that is fetching the content itself but holds none of the pieces missing
 *                             here keeps the fetch open while it gains pieces; given up after this long without one
 * @param congestion           the congestion control towards each source: foreground AIMD or background delay-based
 */
public record FetchSettings(int maxDatagramSize, int requestBatch, int piecesPerSource, Duration initialRto,
                            Duration minRto, Duration maxRto, int maxTimeouts, int busyRetries, Duration stallTimeout,
                            Duration growthWait, CongestionSettings congestion) {

    /** The foreground protocol inside an office (§17.4). */
    public static final FetchSettings DEFAULTS = new FetchSettings(0, 16, 2, Duration.ofMillis(200),
            Duration.ofMillis(50), Duration.ofSeconds(2), 6, 10, Duration.ofMillis(750), Duration.ofSeconds(5),
            CongestionSettings.FOREGROUND);

    /**
     * The background protocol between offices (§18): delay-based control with the 50 ms target, and WAN timeouts
     * (RFC 6298's initial 1 s; a floor of 200 ms; up to 8 s, as a busy WAN's queue can hold a round trip of seconds);
     * a holder that is fetching may take longer over a WAN to gain a piece (30 s growth wait).
     */
    public static final FetchSettings BACKGROUND = new FetchSettings(0, 16, 2, Duration.ofSeconds(1),
            Duration.ofMillis(200), Duration.ofSeconds(8), 6, 10, Duration.ofSeconds(3), Duration.ofSeconds(30),
            CongestionSettings.BACKGROUND);

    public FetchSettings {
        if (maxDatagramSize != 0 && (maxDatagramSize < dev.cascade.wire.TransferLimits.MIN_DATAGRAM_SIZE
                || maxDatagramSize > dev.cascade.wire.DatagramCodec.MAX_DATAGRAM_SIZE)) {
            throw new IllegalArgumentException("max datagram size " + maxDatagramSize + " is outside 1200..65507 (0 = derive)");
        }
        if (requestBatch < 1 || requestBatch > dev.cascade.wire.TransferLimits.MAX_BLOCKS_PER_REQUEST
                || piecesPerSource < 1 || maxTimeouts < 1 || busyRetries < 1) {
            throw new IllegalArgumentException("fetch settings out of range: " + this);
        }
        if (minRto.toNanos() < 1 || initialRto.compareTo(minRto) < 0 || maxRto.compareTo(initialRto) < 0
                || stallTimeout.toNanos() < 1 || growthWait.isNegative()) {
            throw new IllegalArgumentException("fetch timeouts must be positive and ordered: " + this);
        }
        if (congestion == null) {
            throw new IllegalArgumentException("fetch settings need congestion settings (FOREGROUND or BACKGROUND)");
        }
    }

    public FetchSettings withMaxDatagramSize(int size) {
        return new FetchSettings(size, requestBatch, piecesPerSource, initialRto, minRto, maxRto, maxTimeouts,
                busyRetries, stallTimeout, growthWait, congestion);
    }

    public FetchSettings withGrowthWait(Duration wait) {
        return new FetchSettings(maxDatagramSize, requestBatch, piecesPerSource, initialRto, minRto, maxRto, maxTimeouts,
                busyRetries, stallTimeout, wait, congestion);
    }

    public FetchSettings withCongestion(CongestionSettings control) {
        return new FetchSettings(maxDatagramSize, requestBatch, piecesPerSource, initialRto, minRto, maxRto, maxTimeouts,
                busyRetries, stallTimeout, growthWait, control);
    }
}
