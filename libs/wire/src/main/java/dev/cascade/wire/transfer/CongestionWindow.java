package dev.cascade.wire.transfer;

/**
 * Blocks in flight allowed towards one source: NewReno-like AIMD counted in blocks (docs/protocol.md §17.4).
 * Slow start adds a block per block delivered (doubling per round trip) up to the threshold; congestion
 * avoidance adds one block per window delivered. A loss halves the window, once per round trip: losses of
 * blocks asked for before the last reduction belong to the same congestion event. A retransmission timeout
 * falls back to the minimum window and slow start. Times in nanoseconds.
 */
final class CongestionWindow implements CongestionControl {

    static final int INITIAL_WINDOW = 8;
    static final int MIN_WINDOW = 2;
    static final int MAX_WINDOW = 512;

    private double window = INITIAL_WINDOW;
    private double threshold = MAX_WINDOW;
    /** Requests sent before this instant belong to the congestion event already answered. */
    private long recoveryStart = Long.MIN_VALUE;
    private long reductions;

    @Override
    public void delivered(int blocks, long sentMicros, long now) {
        delivered(blocks); // loss-based: the delay of a block says nothing here
    }

    void delivered(int blocks) {
        for (int i = 0; i < blocks; i++) {
            window += window < threshold ? 1 : 1 / window;
        }
        window = Math.min(window, MAX_WINDOW);
    }

    /** A block asked for at {@code requestSentAt} was lost; {@code now} starts the next congestion epoch. */
    @Override
    public void lost(long requestSentAt, long now) {
        if (requestSentAt < recoveryStart) {
            return;
        }
        threshold = Math.max(window / 2, MIN_WINDOW);
        window = threshold;
        recoveryStart = now;
        reductions++;
    }

    @Override
    public void timedOut(long now) {
        threshold = Math.max(window / 2, MIN_WINDOW);
        window = MIN_WINDOW;
        recoveryStart = now;
        reductions++;
    }

    @Override
    public int blocks() {
        return (int) window;
    }

    @Override
    public boolean inSlowStart() {
        return window < threshold;
    }

    @Override
    public long reductions() {
        return reductions;
    }
}
