package dev.cascade.licensing.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The daily record as seats change through a month, and the report built from it. */
class BillingReportTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    /** Applies changes as UsageLedger does: one record per day, updated by every change. */
    private static final class Ledger {
        final Map<LocalDate, DailyUsage> days = new HashMap<>();
        long used;
        long purchased;

        void seats(LocalDate day, long newUsed) {
            change(day, newUsed, purchased);
        }

        void purchase(LocalDate day, long newPurchased) {
            change(day, used, newPurchased);
        }

        void change(LocalDate day, long newUsed, long newPurchased) {
            days.put(day, DailyUsage.afterChange(days.get(day), day, used, newUsed, purchased, newPurchased));
            used = newUsed;
            purchased = newPurchased;
        }
    }

    @Test
    void aMonthWithAnOverage() {
        Ledger ledger = new Ledger();
        ledger.purchase(MARCH_1, 100);
        ledger.seats(MARCH_1, 80);
        for (int day = 2; day <= 9; day++) {
            ledger.seats(MARCH_1.plusDays(day - 1), 80 + day); // 82 .. 89 on 2 .. 9 March
        }
        // 10 March: up to 104 in the morning, down to 97 in the evening
        LocalDate march10 = LocalDate.of(2026, 3, 10);
        ledger.seats(march10, 95);
        ledger.seats(march10, 104);
        ledger.seats(march10, 97);
        // 11 – 14 March: nothing changes (no record of their own would exist if no replica ran; here the
        // refresh job records the day with no change, as UsageLedger.refresh does)
        for (int day = 11; day <= 14; day++) {
            ledger.seats(LocalDate.of(2026, 3, day), 97);
        }
        // 15 March: 112 at peak; 16 March: more seats purchased (120) in the afternoon, peak 115
        ledger.seats(LocalDate.of(2026, 3, 15), 112);
        LocalDate march16 = LocalDate.of(2026, 3, 16);
        ledger.seats(march16, 115);
        ledger.purchase(march16, 120);
        // 17 – 31 March: no service ran on 17 – 19 (no records), then 118 from the 20th on
        ledger.seats(LocalDate.of(2026, 3, 20), 118);
        for (int day = 21; day <= 31; day++) {
            ledger.seats(LocalDate.of(2026, 3, day), 118);
        }

        BillingReport report = BillingReport.of(MARCH_1, LocalDate.of(2026, 3, 31), "UTC", ledger.days, Optional.empty());

        assertThat(report.days()).hasSize(31);
        assertDay(report, 1, 80, 100, 0, true);
        assertDay(report, 9, 89, 100, 0, true);
        assertDay(report, 10, 104, 100, 4, true);   // the morning's peak counts, not the evening
        assertDay(report, 11, 97, 100, 0, true);     // the day starts where the 10th closed
        assertDay(report, 15, 112, 100, 12, true);
        assertDay(report, 16, 115, 120, 0, true);    // bought during the day: covers the day
        assertDay(report, 17, 115, 120, 0, false);   // no record: carried from the 16th's close
        assertDay(report, 19, 115, 120, 0, false);
        assertDay(report, 20, 118, 120, 0, true);
        assertDay(report, 31, 118, 120, 0, true);
        assertThat(report.peakInstalledClients()).isEqualTo(118);
        assertThat(report.maxOverage()).isEqualTo(12);
        assertThat(report.overageDays()).isEqualTo(2);
        assertThat(report.overageSeatDays()).isEqualTo(16);
    }

    @Test
    void aDaysFirstChangeCountsTheSeatsHeldSinceMidnight() {
        Ledger ledger = new Ledger();
        ledger.purchase(MARCH_1, 10);
        ledger.seats(MARCH_1, 12);
        ledger.seats(MARCH_1.plusDays(1), 5); // seven released on the 2nd: twelve were held at midnight

        BillingReport report = BillingReport.of(MARCH_1, MARCH_1.plusDays(2), "UTC", ledger.days, Optional.empty());

        assertDay(report, 2, 12, 10, 2, true);
        assertDay(report, 3, 5, 10, 0, false);
    }

    @Test
    void aRangeStartsFromTheLastRecordBeforeIt() {
        Map<LocalDate, DailyUsage> none = Map.of();
        BillingReport report = BillingReport.of(MARCH_1, MARCH_1.plusDays(1), "UTC", none,
                Optional.of(new DailyUsage(MARCH_1.minusDays(3), 40, 30, 33)));
        assertDay(report, 1, 33, 30, 3, false);
        assertThat(BillingReport.of(MARCH_1, MARCH_1, "UTC", none, Optional.empty()).days().get(0).peakInstalledClients()).isZero();
    }

    @Test
    void refusesReversedAndOverlongRanges() {
        assertThatThrownBy(() -> BillingReport.of(MARCH_1, MARCH_1.minusDays(1), "UTC", new HashMap<>(), Optional.empty()))
                .hasMessageContaining("'to' (2026-02-28) is before 'from' (2026-03-01)");
        assertThatThrownBy(() -> BillingReport.of(MARCH_1, MARCH_1.plusDays(1000), "UTC", new HashMap<>(), Optional.empty()))
                .hasMessageContaining("at most 1000");
    }

    private static void assertDay(BillingReport report, int dayOfMonth, long peak, long purchased, long overage, boolean recorded) {
        BillingReport.Day day = report.days().stream().filter(d -> d.day().getDayOfMonth() == dayOfMonth).findFirst().orElseThrow();
        assertThat(day).isEqualTo(new BillingReport.Day(day.day(), peak, purchased, overage, recorded));
    }
}
