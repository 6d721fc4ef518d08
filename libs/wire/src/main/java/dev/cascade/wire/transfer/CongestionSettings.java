package dev.cascade.wire.transfer;

import java.time.Duration;

/**
 * Which congestion control a {@link PieceFetcher} runs towards each source: the foreground protocol's loss-based AIMD
 * (docs/protocol.md §17.4.1, inside an office) or the background protocol's delay-based control (§18, between
 * offices), which keeps the queueing delay it adds near {@code delayTarget} and yields the link to other traffic.
 *
 * @param control     the controller
 * @param delayTarget the queueing delay a delay-based fetch keeps (1 ms … 1 s); zero for AIMD
 */
public record CongestionSettings(Control control, Duration delayTarget) {

    /** The controllers. */
    public enum Control {
        /** Loss-based: fills the link until it drops blocks (foreground, LAN). */
        AIMD,
        /** Delay-based, LEDBAT++ in the requester (background, WAN). */
        DELAY_BASED
    }

    /** The background protocol's default queueing-delay target. */
    public static final Duration DEFAULT_DELAY_TARGET = Duration.ofMillis(50);

    public static final CongestionSettings FOREGROUND = new CongestionSettings(Control.AIMD, Duration.ZERO);
    public static final CongestionSettings BACKGROUND = background(DEFAULT_DELAY_TARGET);

    public CongestionSettings {
        if (control == null || delayTarget == null) {
            throw new IllegalArgumentException("congestion settings need a control and a delay target");
        }
        if (control == Control.AIMD && !delayTarget.isZero()) {
            throw new IllegalArgumentException("a delay target (" + delayTarget + ") only applies to DELAY_BASED control");
        }
        if (control == Control.DELAY_BASED
                && (delayTarget.compareTo(Duration.ofMillis(1)) < 0 || delayTarget.compareTo(Duration.ofSeconds(1)) > 0)) {
            throw new IllegalArgumentException("delay target " + delayTarget.toMillis() + " ms is outside 1..1000 ms");
        }
    }

    /** Delay-based control keeping the queueing delay near {@code delayTarget}. */
    public static CongestionSettings background(Duration delayTarget) {
        return new CongestionSettings(Control.DELAY_BASED, delayTarget);
    }

    /** A new controller for one source, reading its round-trip estimate. */
    CongestionControl newControl(RttEstimator rtt) {
        return control == Control.AIMD ? new CongestionWindow()
                : new DelayBasedWindow(delayTarget.toNanos() / 1_000, rtt);
    }
}
