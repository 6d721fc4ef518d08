package dev.cascade.wire.transfer;

/**
 * How many blocks a requester may have in flight towards one source, and how that number reacts to what the
 * source's blocks tell: deliveries, their one-way delay, losses, timeouts. Foreground transfers use loss-based
 * AIMD ({@link CongestionWindow}, docs/protocol.md §17.4.1); background transfers between offices use the
 * delay-based {@link DelayBasedWindow} (§18). Times in nanoseconds of {@link System#nanoTime}.
 */
interface CongestionControl {

    /**
     * {@code blocks} blocks were received and stored at {@code now}; {@code sentMicros} is the holder's send stamp of
     * the last of them (BLOCK {@code sent_micros}, 0 when not stamped).
     */
    void delivered(int blocks, long sentMicros, long now);

    /** A block asked for at {@code requestSentAt} was lost; {@code now} starts the next congestion epoch. */
    void lost(long requestSentAt, long now);

    /** The retransmission timeout passed without an answer. */
    void timedOut(long now);

    /** Blocks allowed in flight now. */
    int blocks();

    /** True while the window grows quickly (requests are then paced at twice the window's rate). */
    boolean inSlowStart();

    /** Window reductions so far (losses and timeouts). */
    long reductions();

    /**
     * Since when the window has been held at its minimum by other traffic (a busy WAN), or -1 when it is not. Loss-based
     * control cannot tell other traffic from its own, and never says.
     */
    default long minimumSince() {
        return -1;
    }
}
