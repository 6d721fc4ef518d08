package dev.cascade.licensing.seat;

import java.util.OptionalInt;

/**
 * The warning levels of license usage: 90 % and 100 % of the purchased seats. A warning is due when
 * the level rises (crossing a threshold upwards); staying at or above it warns no more, and falling
 * below and rising again warns again. With no active license (0 purchased) any held seat is at
 * 100 %. Overage is never blocked: these only warn.
 */
public final class UsageThresholds {

    public static final int NONE = 0;
    public static final int NEARLY_FULL = 90;
    public static final int FULL = 100;

    private UsageThresholds() {
    }

    /** The highest threshold {@code used} reaches: 0, 90 or 100. */
    public static int level(long used, long purchased) {
        if (used >= purchased) {
            return used == 0 ? NONE : FULL;
        }
        // used * 10 >= purchased * 9, without floating point: 90 of 100 seats is 90 %
        return used * 10 >= purchased * 9 ? NEARLY_FULL : NONE;
    }

    /** The threshold to warn about when the level moves from {@code before} to {@code after}, if any. */
    public static OptionalInt crossedUpwards(int before, int after) {
        return after > before ? OptionalInt.of(after) : OptionalInt.empty();
    }

    /** used / purchased; +Inf when seats are held with none purchased, 0 when none are held. */
    public static double ratio(long used, long purchased) {
        if (purchased == 0) {
            return used == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (double) used / purchased;
    }
}
