package dev.cascade.licensing.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The billing report over a date range: one row per day with the peak of installed clients, the
 * purchased seats and the overage. Days come from the durable daily records; a day without a record
 * (the service was down all day) repeats the last recorded day's closing seats and purchased seats,
 * flagged {@code recorded = false}, because nothing can have changed seats while no replica ran.
 *
 * @param days one per day from {@code from} to {@code to}, both included
 */
public record BillingReport(LocalDate from, LocalDate to, String timeZone, List<Day> days, long peakInstalledClients,
        long maxOverage, long overageDays, long overageSeatDays) {

    /** The longest range one report covers. */
    public static final int MAX_DAYS = 1_000;

    /**
     * One day of the report.
     *
     * @param overage  peakInstalledClients − purchasedSeats, at least 0
     * @param recorded false when the day has no record of its own (carried forward from an earlier day)
     */
    public record Day(LocalDate day, long peakInstalledClients, long purchasedSeats, long overage, boolean recorded) {
    }

    /**
     * @param recorded the daily records inside [from, to], by day
     * @param before   the last record before {@code from}, if any: where the range starts
     */
    public static BillingReport of(LocalDate from, LocalDate to, String timeZone, Map<LocalDate, DailyUsage> recorded,
            Optional<DailyUsage> before) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        if (length > MAX_DAYS) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " has " + length + " days; a report covers at most "
                    + MAX_DAYS);
        }
        List<Day> days = new ArrayList<>((int) length);
        long carriedSeats = before.map(DailyUsage::closingSeats).orElse(0L);
        long carriedPurchased = before.map(DailyUsage::purchasedSeats).orElse(0L);
        long peak = 0;
        long maxOverage = 0;
        long overageDays = 0;
        long overageSeatDays = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            DailyUsage usage = recorded.get(day);
            Day row;
            if (usage != null) {
                row = new Day(day, usage.peakSeats(), usage.purchasedSeats(), usage.overage(), true);
                carriedSeats = usage.closingSeats();
                carriedPurchased = usage.purchasedSeats();
            } else {
                row = new Day(day, carriedSeats, carriedPurchased, Math.max(0, carriedSeats - carriedPurchased), false);
            }
            days.add(row);
            peak = Math.max(peak, row.peakInstalledClients());
            maxOverage = Math.max(maxOverage, row.overage());
            overageDays += row.overage() > 0 ? 1 : 0;
            overageSeatDays += row.overage();
        }
        return new BillingReport(from, to, timeZone, List.copyOf(days), peak, maxOverage, overageDays, overageSeatDays);
    }
}
