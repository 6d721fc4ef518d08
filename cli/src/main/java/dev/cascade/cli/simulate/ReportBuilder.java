package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns a finished run into its {@link SimulationReport}. */
final class ReportBuilder {

    private static final int REGISTER_BYTES = 160;
    private static final int HEARTBEAT_BYTES = 60;
    private static final double ONE_COPY_SLACK = 1e-9;

    private ReportBuilder() {
    }

    static SimulationReport build(FleetSettings settings, Fleet fleet, EventQueue queue, DeviceFollower follower,
                                  ControlPlaneLedger ledger, SecondCounts plannerSeconds, long plannerCalls) {
        List<FleetDevice> devices = fleet.devices.stream().filter(device -> !device.seed).toList();
        double last = devices.stream().mapToDouble(device -> device.completedAt).max().orElse(0);
        long window = Math.max(1, (long) Math.ceil(last));
        int agents = fleet.devices.size();
        ledger.periodic(ControlPlaneLedger.Message.REGISTER, agents, settings.registerInterval().toMillis(), window * 1000,
                REGISTER_BYTES);
        ledger.periodic(ControlPlaneLedger.Message.HEARTBEAT, agents, settings.heartbeatInterval().toMillis(), window * 1000,
                HEARTBEAT_BYTES);
        return new SimulationReport(scenario(settings, fleet, devices), wan(settings, fleet, devices), completion(settings, fleet, devices),
                ledger.report(window, plannerSeconds), new SimulationReport.Work(queue.processed(), follower.transfers(), plannerCalls));
    }

    private static SimulationReport.Scenario scenario(FleetSettings settings, Fleet fleet, List<FleetDevice> devices) {
        return new SimulationReport.Scenario(devices.size(), 1, fleet.offices.size(), count(fleet, FleetOffice.Role.REGION),
                count(fleet, FleetOffice.Role.BRANCH), count(fleet, FleetOffice.Role.WIFI), count(fleet, FleetOffice.Role.VPN),
                (int) devices.stream().filter(device -> device.office.vpn()).count(), settings.packageBytes(), settings.pieceBytes(),
                settings.pieceCount(), settings.wanMbps().toString(), settings.vpnMbps().toString(), settings.lanMbps(),
                settings.wifiMbps(), settings.uploadSlots(), settings.fetchParallel(), settings.noticeSpread().toNanos() / 1e9,
                settings.planLatency().toNanos() / 1e9, settings.randomSeed());
    }

    private static int count(Fleet fleet, FleetOffice.Role role) {
        return (int) fleet.offices.stream().filter(office -> office.role == role).count();
    }

    private static SimulationReport.Wan wan(FleetSettings settings, Fleet fleet, List<FleetDevice> devices) {
        double size = settings.packageBytes();
        Set<FleetOffice> fed = new HashSet<>();
        for (FleetDevice device : devices) {
            for (FleetOffice office : device.office.chainOffices) {
                if (office.wan != null) {
                    fed.add(office);
                }
            }
        }
        List<Link> links = new ArrayList<>();
        for (FleetOffice office : fleet.offices) {
            if (office.wan != null) {
                links.add(office.wan);
            }
        }
        int vpnDevices = 0;
        for (FleetDevice device : devices) {
            if (device.office.vpn()) {
                links.add(device.down);
                vpnDevices++;
            }
        }
        double bytes = 0;
        List<SimulationReport.LinkExcess> excess = new ArrayList<>();
        for (Link link : links) {
            bytes += link.bytes;
            if (link.bytes > size * (1 + ONE_COPY_SLACK)) {
                excess.add(excess(link, size));
            }
        }
        excess.sort(Comparator.comparingDouble((SimulationReport.LinkExcess e) -> -e.copies()).thenComparing(e -> e.link()));
        double limit = size * (fed.size() + vpnDevices);
        double naive = size * devices.size();
        return new SimulationReport.Wan(bytes, limit, fed.size(), vpnDevices, naive, bytes / limit, bytes / naive, links.size(),
                excess);
    }

    private static SimulationReport.LinkExcess excess(Link link, double size) {
        FleetOffice office = link.office;
        int pullers = link.kind == Link.Kind.VPN_DEVICE ? 1
                : (int) office.devices.stream().filter(device -> device.wanBytes > 0).count();
        double own = link.ownBytes / size;
        double transit = (link.bytes - link.ownBytes) / size;
        List<String> why = new ArrayList<>();
        if (transit > ONE_COPY_SLACK) {
            why.add(String.format(Locale.ROOT, "%.2f copies crossed it to offices below whose RVP fetched from further up:"
                    + " %d plans passed %s by, as it had no holder and no RVP then%s", transit, office.skippedBy, office.id,
                    office.skippedBeforeAnyTask == 0 ? ""
                            : " (" + office.skippedBeforeAnyTask + " before any of its devices had the deployment)"));
        }
        if (own > 1 + ONE_COPY_SLACK) {
            why.add(String.format(Locale.ROOT, "%d devices of %s pulled over it (%.2f copies): %d were planned to pull while"
                    + " another already did%s", pullers, office.id, own, office.extraPullers,
                    office.extraPullersUnreported == 0 ? ""
                            : ", " + office.extraPullersUnreported + " of them before the other's DOWNLOADING report was applied"
                                    + " (it had asked within the plan latency)"));
        }
        return new SimulationReport.LinkExcess(link.name, office.role.label, link.mbps(), link.bytes / size, own, pullers, transit,
                office.skippedBy, office.skippedBeforeAnyTask, office.extraPullers, office.extraPullersUnreported,
                String.join("; ", why));
    }

    private static SimulationReport.Completion completion(FleetSettings settings, Fleet fleet, List<FleetDevice> devices) {
        SimulationReport.Stats all = stats(devices);
        List<SimulationReport.RoleStats> byRole = new ArrayList<>();
        for (FleetOffice.Role role : FleetOffice.Role.values()) {
            List<FleetDevice> of = devices.stream().filter(device -> device.office.role == role).toList();
            if (!of.isEmpty()) {
                byRole.add(new SimulationReport.RoleStats(role.label, count(fleet, role), stats(of)));
            }
        }
        List<SimulationReport.OfficeResult> offices = new ArrayList<>();
        for (FleetOffice office : fleet.offices) {
            double lastDone = office.devices.stream().filter(device -> !device.seed).mapToDouble(device -> device.completedAt)
                    .max().orElse(0);
            double firstDone = office.devices.stream().filter(device -> !device.seed).mapToDouble(device -> device.completedAt)
                    .min().orElse(0);
            int count = (int) office.devices.stream().filter(device -> !device.seed).count();
            double copies = office.wan == null ? 0 : office.wan.bytes / settings.packageBytes();
            offices.add(new SimulationReport.OfficeResult(office.id, office.role.label, office.parent == null ? "" : office.parent.id,
                    count, office.wan == null ? 0 : office.wan.mbps(), copies, firstDone, lastDone));
        }
        return new SimulationReport.Completion(all, byRole, histogram(devices, all.max()), offices);
    }

    private static SimulationReport.Stats stats(List<FleetDevice> devices) {
        double[] times = devices.stream().mapToDouble(device -> device.completedAt).sorted().toArray();
        return new SimulationReport.Stats(times.length, quantile(times, 0.5), quantile(times, 0.9), quantile(times, 0.99),
                times.length == 0 ? 0 : times[times.length - 1]);
    }

    /** The nearest-rank quantile. */
    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Ten buckets or so of a round width (1, 2 or 5 × 10^k seconds) from 0 to the last completion. */
    private static List<SimulationReport.Bucket> histogram(List<FleetDevice> devices, double max) {
        double raw = Math.max(max / 10, 1e-3);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double width = Arrays.stream(new double[] {1, 2, 5, 10}).map(f -> f * magnitude).filter(w -> w >= raw).findFirst()
                .orElse(10 * magnitude);
        int buckets = (int) Math.floor(max / width) + 1;
        int[] counts = new int[buckets];
        for (FleetDevice device : devices) {
            counts[Math.min(buckets - 1, (int) Math.floor(device.completedAt / width))]++;
        }
        List<SimulationReport.Bucket> histogram = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            histogram.add(new SimulationReport.Bucket(i * width, (i + 1) * width, counts[i]));
        }
        return histogram;
    }
}
