package dev.cascade.wire.transfer;

/**
 * The queueing delay on the path from one holder, from the one-way delay of its blocks (receive time minus the
 * holder's send stamp), as RFC 6817 §3.4.2 estimates it: the <em>base delay</em> is the minimum over a history of
 * {@value #BASE_HISTORY} per-interval minima (one interval = a minute), so that it follows a route change once the
 * older minima have rolled out; the <em>current delay</em> is the minimum of the last {@value #CURRENT_FILTER}
 * samples, which filters out a single late block; queueing delay = current − base.
 *
 * <p>The two clocks are not synchronised and need not be: every sample is kept relative to the first one, so the
 * offset between the hosts' clocks cancels in current − base (and a clock that wraps its 64 bits does no harm).
 * Drift between the clocks is what the rolling base history absorbs. Times in nanoseconds, delays in microseconds.
 */
final class QueueingDelay {

    static final int BASE_HISTORY = 10;
    static final long BASE_INTERVAL_NANOS = 60_000_000_000L;
    static final int CURRENT_FILTER = 4;

    /** Per-interval minima relative to {@link #origin}, oldest first; the last is the running interval's. */
    private final long[] base = new long[BASE_HISTORY];
    private int baseCount;
    private long intervalStart;
    private final long[] recent = new long[CURRENT_FILTER];
    private int recentCount;
    private int recentNext;
    private long origin;
    private boolean sampled;

    /** A block sent at the holder's {@code sentMicros} arrived at the local {@code receivedMicros}, at {@code now}. */
    void sample(long sentMicros, long receivedMicros, long now) {
        long oneWay = receivedMicros - sentMicros;
        if (!sampled) {
            sampled = true;
            origin = oneWay;
            intervalStart = now;
            base[0] = 0;
            baseCount = 1;
        }
        long delay = oneWay - origin;
        if (now - intervalStart >= BASE_INTERVAL_NANOS) {
            if (baseCount == BASE_HISTORY) {
                System.arraycopy(base, 1, base, 0, BASE_HISTORY - 1);
                baseCount--;
            }
            base[baseCount++] = delay;
            intervalStart = now;
        } else {
            base[baseCount - 1] = Math.min(base[baseCount - 1], delay);
        }
        recent[recentNext] = delay;
        recentNext = (recentNext + 1) % CURRENT_FILTER;
        recentCount = Math.min(recentCount + 1, CURRENT_FILTER);
    }

    boolean sampled() {
        return sampled;
    }

    /** Current delay minus base delay in microseconds (never negative), or 0 before the first sample. */
    long queueingMicros() {
        if (!sampled) {
            return 0;
        }
        long current = Long.MAX_VALUE;
        for (int i = 0; i < recentCount; i++) {
            current = Math.min(current, recent[i]);
        }
        return Math.max(0, current - baseRelative());
    }

    private long baseRelative() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < baseCount; i++) {
            min = Math.min(min, base[i]);
        }
        return min;
    }
}
