package dev.cascade.cli.simulate;

import java.util.Locale;

/** The report as text tables. */
final class ReportText {

    /** Links over one copy listed by name; the JSON lists them all. */
    static final int LINKS_LISTED = 10;
    private static final double GIB = 1L << 30;

    private ReportText() {
    }

    static String format(SimulationReport report) {
        StringBuilder out = new StringBuilder();
        scenario(out, report.scenario());
        wan(out, report.wan());
        completion(out, report.completion());
        controlPlane(out, report.controlPlane());
        SimulationReport.Work work = report.work();
        line(out, "Model: %,d events, %,d piece transfers, %,d planner calls", work.events(), work.transfers(), work.plannerCalls());
        return out.toString();
    }

    private static void scenario(StringBuilder out, SimulationReport.Scenario s) {
        line(out, "Fleet simulation (random seed %d): %,d devices and %d seed peer in %,d offices", s.randomSeed(), s.devices(),
                s.seeds(), s.offices());
        line(out, "  1 central, %d regions, %d branches, %d Wi-Fi sub-offices, %d VPN offices (%,d VPN devices)", s.regions(),
                s.branches(), s.wifiOffices(), s.vpnOffices(), s.vpnDevices());
        line(out, "  package %s in %d pieces of %s; office links %s Mbit/s, VPN links %s Mbit/s, LAN ports %s Mbit/s, Wi-Fi %s Mbit/s",
                size(s.packageBytes()), s.pieces(), size(s.pieceBytes()), s.wanMbps(), s.vpnMbps(), number(s.lanMbps()),
                number(s.wifiMbps()));
        line(out, "  notices within %s s, plan latency %s s, %d upload slots, %d transfers in at once", number(s.noticeSpreadSeconds()),
                number(s.planLatencySeconds()), s.uploadSlots(), s.fetchParallel());
        out.append('\n');
    }

    private static void wan(StringBuilder out, SimulationReport.Wan wan) {
        line(out, "WAN bytes");
        line(out, "  carried             %12.1f GiB   %.3f × the limit, %.5f × naive", wan.bytes() / GIB, wan.ratioToLimit(),
                wan.ratioToNaive());
        line(out, "  limit               %12.1f GiB   one copy per office link fed (%,d) and per VPN device (%,d)",
                wan.limitBytes() / GIB, wan.officeLinksFed(), wan.vpnDeviceLinks());
        line(out, "  naive distribution  %12.1f GiB   one copy per device", wan.naiveBytes() / GIB);
        line(out, "  links over one copy: %,d of %,d", wan.linksOverOneCopy().size(), wan.wanLinks());
        for (SimulationReport.LinkExcess link : wan.linksOverOneCopy().subList(0, Math.min(LINKS_LISTED,
                wan.linksOverOneCopy().size()))) {
            line(out, "    %s (%s, %.1f Mbit/s): %.2f copies. %s", link.link(), link.role(), link.mbps(), link.copies(), link.why());
        }
        if (wan.linksOverOneCopy().size() > LINKS_LISTED) {
            line(out, "    … %,d more (--json lists them all)", wan.linksOverOneCopy().size() - LINKS_LISTED);
        }
        out.append('\n');
    }

    private static void completion(StringBuilder out, SimulationReport.Completion completion) {
        line(out, "Completion, seconds from the deployment's creation");
        line(out, "  %-18s %7s %8s %8s %8s %8s %8s", "", "offices", "devices", "p50", "p90", "p99", "max");
        stats(out, "all", "", completion.all());
        for (SimulationReport.RoleStats role : completion.byRole()) {
            stats(out, role.role(), Integer.toString(role.offices()), role.stats());
        }
        int most = completion.histogram().stream().mapToInt(SimulationReport.Bucket::devices).max().orElse(1);
        for (SimulationReport.Bucket bucket : completion.histogram()) {
            line(out, "  %8s – %8s s %8d %s", number(bucket.fromSeconds()), number(bucket.toSeconds()), bucket.devices(),
                    "#".repeat((int) Math.ceil(40.0 * bucket.devices() / Math.max(1, most))));
        }
        out.append('\n');
    }

    private static void stats(StringBuilder out, String label, String offices, SimulationReport.Stats stats) {
        line(out, "  %-18s %7s %8d %8.1f %8.1f %8.1f %8.1f", label, offices, stats.devices(), stats.p50(), stats.p90(), stats.p99(),
                stats.max());
    }

    private static void controlPlane(StringBuilder out, SimulationReport.ControlPlane cp) {
        line(out, "Control plane over %,d simulated seconds (registrations and heartbeats of every agent included)",
                cp.windowSeconds());
        line(out, "  %-44s %12s %10s %8s", "", "total", "mean/s", "peak/s");
        rate(out, "gateway datagrams in (peers → gateway)", cp.gatewayDatagramsIn());
        rate(out, "gateway datagrams out (gateway → peers)", cp.gatewayDatagramsOut());
        for (SimulationReport.MessageRate message : cp.messages()) {
            rate(out, "  " + message.message() + " (" + message.direction() + ")", message.rate());
        }
        line(out, "  Kafka records by topic");
        for (SimulationReport.TopicRate topic : cp.kafkaTopics()) {
            rate(out, "  " + topic.topic(), topic.records(), topic.consumers().isEmpty() ? "no consumer"
                    : String.join(", ", topic.consumers()));
        }
        line(out, "  Kafka records consumed by service");
        for (SimulationReport.ServiceRate service : cp.consumingServices()) {
            rate(out, "  " + service.service(), service.recordsConsumed());
        }
        rate(out, "planner calls (topology-service)", cp.plannerCalls());
        rate(out, "GetPlanningState (metadata-service gRPC)", cp.getPlanningState());
        out.append('\n');
    }

    private static void rate(StringBuilder out, String label, SimulationReport.Rate rate) {
        rate(out, label, rate, "");
    }

    private static void rate(StringBuilder out, String label, SimulationReport.Rate rate, String note) {
        line(out, "  %-44s %,12d %,10.1f %,8d%s", label, rate.total(), rate.meanPerSecond(), rate.peakPerSecond(),
                note.isEmpty() ? "" : "   " + note);
    }

    private static String size(long bytes) {
        for (String[] unit : new String[][] {{"GiB", "30"}, {"MiB", "20"}, {"KiB", "10"}}) {
            long scale = 1L << Integer.parseInt(unit[1]);
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + " " + unit[0];
            }
        }
        return bytes + " bytes";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.3f", value)
                .replaceAll("0+$", "");
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
