package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * Finds ranges that share addresses, in O(n log n): the ranges of each IP version are sorted by
 * first address (the wider first where two start together) and swept once. A range overlaps an
 * earlier one exactly when it starts at or before the furthest end seen so far, so each range is
 * compared with the range reaching furthest and with its predecessor. Every range that overlaps an
 * earlier-starting range is reported at least once, and at most twice, so the report stays linear
 * even when one wide range covers thousands of others.
 */
final class OverlapSweep {

    /** A range with its bounds as unsigned 128-bit numbers (high and low 64 bits): sorting compares primitives. */
    private record Entry(SubnetRange range, int office, long firstHigh, long firstLow, long lastHigh, long lastLow) {

        static Entry of(SubnetRange range, int office) {
            BigInteger first = range.firstValue();
            BigInteger last = range.lastValue();
            return new Entry(range, office, first.shiftRight(64).longValue(), first.longValue(),
                    last.shiftRight(64).longValue(), last.longValue());
        }
    }

    /** By first address, the wider range first where two start together, then by office. */
    private static final Comparator<Entry> ORDER = (a, b) -> {
        int order = compare(a.firstHigh(), a.firstLow(), b.firstHigh(), b.firstLow());
        if (order == 0) {
            order = compare(b.lastHigh(), b.lastLow(), a.lastHigh(), a.lastLow());
        }
        return order != 0 ? order : Integer.compare(a.office(), b.office());
    };

    private OverlapSweep() {
    }

    static void check(List<LocatedOffice> offices, ProblemLog log) {
        List<Entry> ipv4 = new ArrayList<>();
        List<Entry> ipv6 = new ArrayList<>();
        for (int i = 0; i < offices.size(); i++) {
            for (SubnetRange range : offices.get(i).office().ranges()) {
                (range.isIpv4() ? ipv4 : ipv6).add(Entry.of(range, i));
            }
        }
        sweep(ipv4, offices, log);
        sweep(ipv6, offices, log);
    }

    private static void sweep(List<Entry> entries, List<LocatedOffice> offices, ProblemLog log) {
        entries.sort(ORDER);
        Entry reach = null;
        Entry previous = null;
        for (Entry entry : entries) {
            if (reach != null && starts(entry, reach)) {
                report(reach, entry, offices, log);
            }
            if (previous != null && previous != reach && starts(entry, previous)) {
                report(previous, entry, offices, log);
            }
            if (reach == null || compare(entry.lastHigh(), entry.lastLow(), reach.lastHigh(), reach.lastLow()) > 0) {
                reach = entry;
            }
            previous = entry;
        }
    }

    /** Whether {@code later} (sorted after {@code earlier}) starts inside {@code earlier}. */
    private static boolean starts(Entry later, Entry earlier) {
        return compare(later.firstHigh(), later.firstLow(), earlier.lastHigh(), earlier.lastLow()) <= 0;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int order = Long.compareUnsigned(aHigh, bHigh);
        return order != 0 ? order : Long.compareUnsigned(aLow, bLow);
    }

    private static void report(Entry earlier, Entry later, List<LocatedOffice> offices, ProblemLog log) {
        String earlierId = offices.get(earlier.office()).office().id();
        String laterId = offices.get(later.office()).office().id();
        SubnetRange a = earlier.range();
        SubnetRange b = later.range();
        if (earlier.office() != later.office()) {
            log.add(earlier.office(), SheetColumn.SUBNETS, Code.OVERLAPPING_RANGES,
                    a + " of " + ProblemLog.office(earlierId) + " overlaps " + b + " of " + ProblemLog.office(laterId)
                            + log.rowOf(later.office()),
                    earlierId, laterId);
        } else if (a.equals(b)) {
            log.add(earlier.office(), SheetColumn.SUBNETS, Code.OVERLAPPING_OWN_RANGES,
                    a + " is listed twice for " + ProblemLog.office(earlierId), earlierId);
        } else if (a.firstValue().equals(b.firstValue()) && a.lastValue().equals(b.lastValue())) {
            log.add(earlier.office(), SheetColumn.SUBNETS, Code.OVERLAPPING_OWN_RANGES,
                    a + " and " + b + " of " + ProblemLog.office(earlierId) + " are the same addresses", earlierId);
        } else {
            log.add(earlier.office(), SheetColumn.SUBNETS, Code.OVERLAPPING_OWN_RANGES,
                    a + " of " + ProblemLog.office(earlierId) + " overlaps its own range " + b, earlierId);
        }
    }
}
