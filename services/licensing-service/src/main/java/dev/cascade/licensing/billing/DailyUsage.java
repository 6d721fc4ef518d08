package dev.cascade.licensing.billing;

import java.time.LocalDate;

/**
 * What one day of license usage records, kept durably as seats change.
 *
 * @param peakSeats      the most seats held at any moment of the day
 * @param purchasedSeats the most seats purchased at any moment of the day (a license imported during
 *                       the day covers the whole day)
 * @param closingSeats   seats held after the day's last recorded change: the next day starts there
 */
public record DailyUsage(LocalDate day, long peakSeats, long purchasedSeats, long closingSeats) {

    /**
     * The day's record after one change from {@code usedBefore} to {@code usedAfter} seats (and
     * purchased seats from {@code purchasedBefore} to {@code purchasedAfter}).
     *
     * @param recorded the day's record so far, or null if this is the day's first change: the seats
     *                 held before the change were held on this day too (since midnight)
     */
    public static DailyUsage afterChange(DailyUsage recorded, LocalDate day, long usedBefore, long usedAfter,
            long purchasedBefore, long purchasedAfter) {
        if (recorded == null) {
            return new DailyUsage(day, Math.max(usedBefore, usedAfter), Math.max(purchasedBefore, purchasedAfter), usedAfter);
        }
        return new DailyUsage(day, Math.max(recorded.peakSeats, usedAfter), Math.max(recorded.purchasedSeats, purchasedAfter),
                usedAfter);
    }

    /** The day's overage: peak − purchased, never below 0. */
    public long overage() {
        return Math.max(0, peakSeats - purchasedSeats);
    }
}
