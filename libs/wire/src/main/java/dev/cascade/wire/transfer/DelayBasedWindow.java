package dev.cascade.wire.transfer;

/**
 * Background congestion control (docs/protocol.md §18): LEDBAT++ run by the requester, counted in blocks. The
 * window grows while the queueing delay the holder's blocks meet ({@link QueueingDelay}) stays below the target and
 * shrinks, in proportion to how far it is above, when it does not; so a background transfer fills an idle WAN link
 * but keeps its queue near the target, and gives the link up to any other traffic that builds a queue.
 *
 * <ul>
 *   <li>Gain = 1 / min(16, ceil(2 · target / base round trip)): a short path, where each round trip adds more per
 *       second, grows more slowly, so flows with different round trips share fairly.</li>
 *   <li>Slow start: W += gain per block; it ends when the queueing delay exceeds ¾ of the target (or on loss).</li>
 *   <li>Congestion avoidance, per block: W += gain / W at or below the target;
 *       W += max(gain − W · (delay / target − 1), −W / 2) / W above it, never below half the window it had a round
 *       trip before (at most halved per round trip, however many late blocks arrive at once).</li>
 *   <li>Loss: W halves, once per round trip (as {@link CongestionWindow}); timeout: W = minimum, slow start.</li>
 *   <li>Periodic slowdown: 2 round trips after the first slow start ends, W drops to the minimum for 2 round trips,
 *       then slow start again; the next slowdown comes 9 × the last one's length (start to the end of its slow start)
 *       later, so they take about a tenth of the time. The queue empties, and every flow on the link re-learns the
 *       base delay instead of taking another flow's standing queue for it.</li>
 * </ul>
 * Times in nanoseconds.
 */
final class DelayBasedWindow implements CongestionControl {

    static final int INITIAL_WINDOW = 2;
    static final int MIN_WINDOW = 2;
    static final int MAX_WINDOW = 512;
    static final int MAX_GAIN_DIVISOR = 16;
    static final double SLOW_START_EXIT = 0.75;
    static final double DECREASE_CONSTANT = 1.0;
    static final double MAX_DECREASE = 0.5;
    static final int SLOWDOWN_ROUND_TRIPS = 2;
    static final int SLOWDOWN_SPACING = 9;

    private enum Phase { SLOW_START, AVOIDANCE, SLOWDOWN }

    private final long targetMicros;
    private final RttEstimator rtt;
    private final QueueingDelay delay = new QueueingDelay();
    private double window = INITIAL_WINDOW;
    private Phase phase = Phase.SLOW_START;
    private long recoveryStart = Long.MIN_VALUE;
    private long nextSlowdown = Long.MAX_VALUE;
    private long slowdownStart = -1;
    private long slowdownEnd;
    private long reductions;
    private long slowdowns;
    private long minimumSince = -1;
    /** The delay-driven decrease in progress may not take the window below this before {@link #decreaseUntil}. */
    private double decreaseFloor;
    private long decreaseUntil = Long.MIN_VALUE;

    /**
     * @param targetMicros the queueing delay to keep, in microseconds
     * @param rtt          the source's round-trip estimate (gain, slowdown length, the first slowdown's time)
     */
    DelayBasedWindow(long targetMicros, RttEstimator rtt) {
        if (targetMicros < 1) {
            throw new IllegalArgumentException("delay target " + targetMicros + " µs must be positive");
        }
        this.targetMicros = targetMicros;
        this.rtt = rtt;
    }

    @Override
    public void delivered(int blocks, long sentMicros, long now) {
        if (sentMicros != 0) {
            delay.sample(sentMicros, now / 1_000, now);
        }
        long queueing = delay.queueingMicros();
        for (int i = 0; i < blocks; i++) {
            grow(queueing, now);
        }
        window = Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, window));
        if (phase == Phase.AVOIDANCE && now >= nextSlowdown) {
            slowDown(now);
        }
        noteMinimum(now);
    }

    private void grow(long queueing, long now) {
        switch (phase) {
            case SLOWDOWN -> {
                if (now >= slowdownEnd) {
                    phase = Phase.SLOW_START; // the queue had two round trips to empty: probe back up
                }
            }
            case SLOW_START -> {
                if (queueing > SLOW_START_EXIT * targetMicros || window >= MAX_WINDOW) {
                    endSlowStart(now);
                } else {
                    window += gain();
                }
            }
            case AVOIDANCE -> {
                if (queueing <= targetMicros) {
                    window += gain() / window;
                } else {
                    decrease((double) queueing / targetMicros - 1, now);
                }
            }
        }
    }

    /**
     * LEDBAT++'s multiplicative decrease, spread over the blocks of a round trip, and never more than halving the
     * window within one round trip of time: blocks that a pause of the requester left waiting in its socket buffer
     * arrive together, late, and must not count as several round trips of delay.
     */
    private void decrease(double above, long now) {
        if (now >= decreaseUntil) {
            decreaseFloor = window * (1 - MAX_DECREASE);
            decreaseUntil = now + roundTrip();
        }
        double change = Math.max(gain() - DECREASE_CONSTANT * window * above, -MAX_DECREASE * window) / window;
        window = Math.max(window + change, Math.min(window, decreaseFloor));
    }

    private void endSlowStart(long now) {
        phase = Phase.AVOIDANCE;
        if (slowdownStart >= 0) {
            nextSlowdown = now + SLOWDOWN_SPACING * (now - slowdownStart);
            slowdownStart = -1;
        } else if (nextSlowdown == Long.MAX_VALUE) {
            nextSlowdown = now + SLOWDOWN_ROUND_TRIPS * roundTrip();
        }
    }

    private void slowDown(long now) {
        phase = Phase.SLOWDOWN;
        window = MIN_WINDOW;
        slowdownStart = now;
        slowdownEnd = now + SLOWDOWN_ROUND_TRIPS * roundTrip();
        nextSlowdown = Long.MAX_VALUE;
        slowdowns++;
    }

    /** A slowdown holds the minimum on purpose: that is not other traffic, and neither starts nor ends a busy spell. */
    private void noteMinimum(long now) {
        if (phase == Phase.SLOWDOWN) {
            return;
        }
        if (window < MIN_WINDOW + 1) {
            if (minimumSince < 0) {
                minimumSince = now;
            }
        } else {
            minimumSince = -1;
        }
    }

    @Override
    public void lost(long requestSentAt, long now) {
        if (requestSentAt < recoveryStart) {
            return;
        }
        if (phase != Phase.SLOWDOWN) {
            window = Math.max(window / 2, MIN_WINDOW);
            if (phase == Phase.SLOW_START) {
                endSlowStart(now);
            }
        }
        recoveryStart = now;
        reductions++;
        noteMinimum(now);
    }

    @Override
    public void timedOut(long now) {
        window = MIN_WINDOW;
        if (phase != Phase.SLOWDOWN) {
            phase = Phase.SLOW_START;
        }
        recoveryStart = now;
        reductions++;
        noteMinimum(now);
    }

    /** 1 / min(16, ceil(2 · target / base round trip)); the largest divisor before the first round trip is known. */
    double gain() {
        long base = rtt.minRtt();
        if (base <= 0) {
            return 1.0 / MAX_GAIN_DIVISOR;
        }
        double divisor = Math.ceil(2.0 * targetMicros * 1_000 / base);
        return 1.0 / Math.max(1, Math.min(MAX_GAIN_DIVISOR, divisor));
    }

    private long roundTrip() {
        long srtt = rtt.srtt();
        return srtt > 0 ? srtt : rtt.rto();
    }

    @Override
    public int blocks() {
        return (int) window;
    }

    @Override
    public boolean inSlowStart() {
        return phase == Phase.SLOW_START;
    }

    @Override
    public long reductions() {
        return reductions;
    }

    @Override
    public long minimumSince() {
        return minimumSince;
    }

    boolean inSlowdown() {
        return phase == Phase.SLOWDOWN;
    }

    long slowdowns() {
        return slowdowns;
    }

    /** The queueing delay the window reacts to now, in microseconds. */
    long queueingMicros() {
        return delay.queueingMicros();
    }

    /** The window with its fraction, for tests. */
    double exactWindow() {
        return window;
    }
}
