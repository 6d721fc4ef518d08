package dev.cascade.wire.transfer;

/**
 * Round-trip time and retransmission timeout as RFC 6298 computes them (alpha 1/8, beta 1/4, K = 4), with
 * bounds for a LAN instead of RFC 6298's one-second floor: a LAN round trip is well under a millisecond, and
 * a timeout of a second would stall a transfer on every tail loss. Backoff doubles the timeout after each
 * expiry until a new sample arrives. Times in nanoseconds.
 */
final class RttEstimator {

    private final long minRto;
    private final long maxRto;
    private long srtt = -1;
    private long minRtt = -1;
    private long rttvar;
    private long rto;
    private int backoff;

    RttEstimator(long initialRto, long minRto, long maxRto) {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.rto = initialRto;
    }

    void sample(long rtt) {
        minRtt = minRtt < 0 ? rtt : Math.min(minRtt, rtt);
        if (srtt < 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
        rto = srtt + Math.max(1, 4 * rttvar);
        backoff = 0;
    }

    /** After a timeout: the next one waits twice as long (RFC 6298 §5.5). */
    void backOff() {
        backoff = Math.min(backoff + 1, 16);
    }

    long rto() {
        long bounded = Math.max(minRto, Math.min(maxRto, rto));
        return Math.min(maxRto, bounded << backoff);
    }

    /** The smallest round trip sampled (the path without queues, as far as this fetch saw it), or -1 before any. */
    long minRtt() {
        return minRtt;
    }

    /** The smoothed round trip, or -1 before the first sample. */
    long srtt() {
        return srtt;
    }
}
