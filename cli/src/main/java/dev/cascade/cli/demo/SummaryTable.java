package dev.cascade.cli.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The demo's closing table: per office where its bytes came from (as its devices reported them) and when it was done;
 * then the bytes the emulated WAN links carried (measured) against the limit — the package once into every office fed
 * from outside, once per VPN device — and against naive distribution, the package once per agent.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param wanIn  bytes every link delivered towards the offices it feeds (the content direction)
     * @param wanOut the same the other way (requests and acknowledgements)
     */
    static String render(DemoScenario scenario, List<OfficeSnapshot> offices, long wanIn, long wanOut, String measuredAs,
                         Duration elapsed) {
        StringBuilder text = new StringBuilder();
        String row = "%-22s %9s %12s %13s %11s %9s %15s %10s%n";
        text.append(String.format(Locale.ROOT, row, "office", "devices", "same-office", "parent (WAN)", "seed", "origin",
                "WAN in (meas.)", "complete"));
        long[] sums = new long[5];
        long devices = 0;
        long done = 0;
        for (OfficeSnapshot office : offices) {
            long same = office.reported(OfficeSnapshot.SAME_OFFICE);
            long parent = office.reported(OfficeSnapshot.PARENT_OFFICE);
            long seed = office.reported(OfficeSnapshot.SEED);
            long origin = office.reported(OfficeSnapshot.ORIGIN);
            text.append(String.format(Locale.ROOT, row, office.office().name(), office.done() + "/" + office.targeted(),
                    Bytes.format(same), Bytes.format(parent), Bytes.format(seed), Bytes.format(origin),
                    office.office().central() ? "-" : Bytes.format(office.wanBytesIn()),
                    office.completedAfter() == null ? "not done" : seconds(office.completedAfter())));
            sums[0] += same;
            sums[1] += parent;
            sums[2] += seed;
            sums[3] += origin;
            sums[4] += office.wanBytesIn();
            devices += office.targeted();
            done += office.done();
        }
        text.append(String.format(Locale.ROOT, row, "total", done + "/" + devices, Bytes.format(sums[0]), Bytes.format(sums[1]),
                Bytes.format(sums[2]), Bytes.format(sums[3]), Bytes.format(sums[4]), seconds(elapsed)));
        int links = scenario.offices().stream().mapToInt(DemoOffice::copiesFromOutside).sum();
        long vpnDevices = scenario.offices().stream().filter(DemoOffice::vpn).mapToInt(DemoOffice::agents).sum();
        text.append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "WAN bytes towards the offices (%s): %s (and %s of requests the other way)%n",
                measuredAs, Bytes.format(wanIn), Bytes.format(wanOut)));
        text.append(String.format(Locale.ROOT, "  limit  %s x %d links fed from outside (%d offices, %d VPN devices) = %s"
                        + "   measured / limit = %.3f%n", Bytes.format(scenario.packageBytes()), links, links - vpnDevices,
                vpnDevices, Bytes.format(scenario.wanLimitBytes()), ratio(wanIn, scenario.wanLimitBytes())));
        text.append(String.format(Locale.ROOT, "  naive  %s x %d agents = %s   measured / naive = %.3f (%.0f %% of the naive"
                        + " bytes saved)%n", Bytes.format(scenario.packageBytes()), scenario.agentCount(),
                Bytes.format(scenario.naiveBytes()), ratio(wanIn, scenario.naiveBytes()),
                100 * (1 - ratio(wanIn, scenario.naiveBytes()))));
        return text.toString();
    }

    private static double ratio(long value, long of) {
        return of == 0 ? 0 : (double) value / of;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
