package dev.cascade.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import picocli.CommandLine;

/** Small fleets with topology-service's real planner: what the model must get right before it is run at scale. */
class FleetSimulationTest {

    /** Options of {@code cascade simulate} as settings. */
    static FleetSettings settings(String... options) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(options);
        return command.settings();
    }

    /** A few hundred devices in a dozen offices, a 64 MiB package in 16 pieces: about a second per run. */
    private static final String[] SMALL = {"--peers", "600", "--offices", "14", "--regions", "2", "--vpn-offices", "0",
            "--wifi-share", "0.3", "--package-size", "64MiB", "--piece-size", "4MiB", "--random-seed", "7"};

    private static String[] small(String... more) {
        String[] all = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    @Test
    void everyDeviceCompletesAndEachStandardOrWifiLinkCarriesOneCopyWhenTheNoticesArriveTogether() {
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "0")));

        assertThat(report.completion().all().devices()).isEqualTo(600);
        assertThat(report.scenario().wifiOffices()).isPositive();
        assertThat(report.scenario().regions()).isEqualTo(2);
        // 13 office links, each fed: the package crosses each exactly once
        assertThat(report.wan().officeLinksFed()).isEqualTo(13);
        assertThat(report.wan().bytes()).isEqualTo(report.wan().limitBytes()).isEqualTo(13.0 * (64 << 20));
        assertThat(report.wan().linksOverOneCopy()).isEmpty();
        assertThat(report.completion().offices()).filteredOn(office -> !office.role().equals("central"))
                .allSatisfy(office -> assertThat(office.wanCopies()).isEqualTo(1.0));
        assertThat(report.wan().naiveBytes()).isEqualTo(600.0 * (64 << 20));
    }

    @Test
    void slowWanPullersDoNotHoldTheCentralOfficesOwnDevicesBack() {
        // one upload slot per content server, VPN devices on 1-2 Mbit/s links that all start at the seed: as the agent
        // does, the seed serves its own office on its foreground server whatever its background server is doing
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "0", "--vpn-offices", "2",
                "--vpn-mbps", "1-2", "--upload-slots", "1")));

        double central = report.completion().byRole().stream().filter(role -> role.role().equals("central")).findFirst()
                .orElseThrow().stats().max();
        double vpnFirst = report.completion().offices().stream().filter(office -> office.role().equals("VPN"))
                .mapToDouble(SimulationReport.OfficeResult::firstCompletionSeconds).min().orElseThrow();
        assertThat(report.completion().all().devices()).isEqualTo(600);
        // simulated seconds: 64 MiB over the 1 Gbit/s LAN in a few seconds (with one slot shared by both servers: 82 s,
        // each piece queued behind a VPN device's 4 MiB at 1-2 Mbit/s)
        assertThat(central).as("the central office's last device").isLessThan(20).isLessThan(vpnFirst);
    }

    @Test
    void eachVpnDeviceFetchesItsOwnCopyOverItsOwnLink() {
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "0", "--vpn-offices", "2")));

        int vpnDevices = report.scenario().vpnDevices();
        assertThat(vpnDevices).isPositive();
        assertThat(report.completion().all().devices()).isEqualTo(600);
        assertThat(report.wan().vpnDeviceLinks()).isEqualTo(vpnDevices);
        assertThat(report.wan().limitBytes()).isEqualTo((report.wan().officeLinksFed() + vpnDevices) * (double) (64 << 20));
        assertThat(report.wan().bytes()).isEqualTo(report.wan().limitBytes());
        assertThat(report.wan().linksOverOneCopy()).isEmpty();
    }

    /**
     * Notices spread over a minute: a sub-office's RVP that asks before any device of its parent office has its notice
     * waits for the parent (whose targets will ask, and one of them bring the content in) instead of pulling through the
     * parent's link, and an office's first asker waits for the peer first in download order even before that one has
     * asked: one copy per link.
     */
    @Test
    void staggeredNoticesWithinTheUntoldWaitStillGiveOneCopyPerLink() {
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "60s", "--random-seed", "3")));

        assertThat(report.completion().all().devices()).isEqualTo(600);
        assertThat(report.wan().bytes()).isEqualTo(report.wan().limitBytes());
        assertThat(report.wan().linksOverOneCopy()).isEmpty();
    }

    /**
     * Notices spread over an hour: past the planner's untold wait (2 min) a targeted device that has not asked is no
     * longer waited for (it may never ask), so a sub-office can pull past a parent none of whose devices asked yet.
     */
    @Test
    void noticesFarBeyondTheUntoldWaitLetASubOfficePullPastItsParentAndTheReportSaysSo() {
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "3600s", "--random-seed", "7")));

        assertThat(report.completion().all().devices()).isEqualTo(600);
        assertThat(report.wan().bytes()).isGreaterThan(report.wan().limitBytes());
        assertThat(report.wan().linksOverOneCopy()).isNotEmpty();
        assertThat(report.wan().linksOverOneCopy()).anySatisfy(link -> assertThat(link.skippedBeforeAnyTask()).isPositive());
        explained(report);
    }

    /**
     * Two devices of an office asking within the plan latency, past the untold wait: the second is planned before the
     * first's DOWNLOADING report arrives and, first in download order, is elected too: a second copy over the office's
     * link. (Within the untold wait every targeted device counts in the election, so the first asker waits for it.)
     */
    @Test
    void aPlanRaceWithinThePlanLatencyPullsASecondCopyAndTheReportSaysSo() {
        SimulationReport report = FleetSimulation.run(settings(small("--notice-spread", "600s", "--plan-latency", "20s",
                "--random-seed", "7")));

        assertThat(report.completion().all().devices()).isEqualTo(600);
        assertThat(report.wan().linksOverOneCopy()).anySatisfy(link -> {
            assertThat(link.ownCopies()).isGreaterThan(1);
            assertThat(link.pullers()).isGreaterThan(1);
            assertThat(link.extraPullersUnreported()).isPositive();
            assertThat(link.why()).contains("before the other's DOWNLOADING report was applied");
        });
        explained(report);
    }

    private static void explained(SimulationReport report) {
        for (SimulationReport.LinkExcess link : report.wan().linksOverOneCopy()) {
            assertThat(link.why()).isNotBlank();
            // every copy beyond the first is explained: transit for offices below, or a second puller of its own
            assertThat(link.transitCopies() > 0 ? link.skippedBy() : link.pullers()).as(link.link()).isPositive();
            assertThat(link.ownCopies() + link.transitCopies()).isEqualTo(link.copies(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /**
     * A wired office's first completion is its RVP's pull over the WAN: it follows the link. (An office's last completion
     * and a Wi-Fi office's follow its devices' retry timers and its shared air time as much as its link: not asserted.)
     */
    @Test
    void halvingTheWanCapacityLengthensEveryWiredOfficesCompletion() {
        SimulationReport fastRun = FleetSimulation.run(settings(small("--notice-spread", "0", "--wan-mbps", "40")));
        SimulationReport slowRun = FleetSimulation.run(settings(small("--notice-spread", "0", "--wan-mbps", "20")));
        Map<String, SimulationReport.OfficeResult> fast = offices(fastRun);
        Map<String, SimulationReport.OfficeResult> slow = offices(slowRun);

        assertThat(slowRun.completion().all().p90()).isGreaterThan(fastRun.completion().all().p90());
        assertThat(slowRun.completion().all().max()).isGreaterThan(fastRun.completion().all().max());

        assertThat(slow.keySet()).isEqualTo(fast.keySet());
        for (SimulationReport.OfficeResult office : fast.values()) {
            if (!office.role().equals("branch") && !office.role().equals("region") || office.devices() == 0) {
                continue;
            }
            assertThat(slow.get(office.office()).wanMbps()).isEqualTo(20.0);
            assertThat(slow.get(office.office()).firstCompletionSeconds()).as(office.office())
                    .isGreaterThan(office.firstCompletionSeconds());
        }
    }

    @Test
    void theSameRandomSeedGivesTheSameReportAndAnotherSeedAnotherFleet() {
        SimulationReport first = FleetSimulation.run(settings(small()));
        SimulationReport again = FleetSimulation.run(settings(small()));
        SimulationReport other = FleetSimulation.run(settings(small("--random-seed", "8")));

        assertThat(again).isEqualTo(first);
        assertThat(other.completion().offices()).isNotEqualTo(first.completion().offices());
    }

    /**
     * By hand: the central office only, the seed and 3 devices, one piece, all notices at 0, no plan latency. Each device
     * gets its notice (3) and reports PENDING (3), asks once (3 plans); the first in download order is the RVP and reports
     * DOWNLOADING (1), the others wait (still PENDING: no report); each reports CACHED (3) and sends its TRANSFER_REPORT
     * (3). Done within the first second: 4 agents heartbeating every second send 4 heartbeats; re-registering every 15
     * minutes, agent 0 (phase 0) registers once.
     */
    @Test
    void controlPlaneCountsMatchAHandComputedCase() {
        SimulationReport report = FleetSimulation.run(settings("--peers", "3", "--offices", "1", "--regions", "0",
                "--vpn-offices", "0", "--package-size", "4MiB", "--piece-size", "4MiB", "--notice-spread", "0",
                "--plan-latency", "0", "--heartbeat-interval", "1s"));
        SimulationReport.ControlPlane cp = report.controlPlane();
        Map<String, Long> messages = cp.messages().stream().collect(Collectors.toMap(SimulationReport.MessageRate::message,
                m -> m.rate().total()));

        assertThat(cp.windowSeconds()).isEqualTo(1);
        assertThat(messages).containsExactlyInAnyOrderEntriesOf(Map.of("REGISTER", 1L, "HEARTBEAT", 4L, "INVENTORY_REPORT", 7L,
                "TRANSFER_REPORT", 3L, "PLAN_REQUEST", 3L, "SOURCE_PLAN", 3L, "DEPLOYMENT_NOTICE", 3L));
        // peers' messages in, the gateway's ACKs out; server messages out, the peers' ACKs in
        assertThat(cp.gatewayDatagramsIn().total()).isEqualTo(1 + 4 + 7 + 3 + 3 + 3 + 3);
        assertThat(cp.gatewayDatagramsOut().total()).isEqualTo(1 + 4 + 7 + 3 + 3 + 3 + 3);
        Map<String, SimulationReport.TopicRate> topics = cp.kafkaTopics().stream()
                .collect(Collectors.toMap(SimulationReport.TopicRate::topic, Function.identity()));
        assertThat(topics.get(Topics.GATEWAY_OUTBOUND).records().total()).isEqualTo(6);
        assertThat(topics.get(Topics.PEER_REPLIES).records().total()).isEqualTo(6);
        assertThat(topics.get(Topics.PEER_REPLIES).consumers()).containsExactly("metadata-service");
        assertThat(topics.get(Topics.PEER_HEARTBEATS).consumers())
                .containsExactly("metadata-service", "licensing-service", "activation-service");
        Map<String, Long> consumed = cp.consumingServices().stream().collect(Collectors.toMap(SimulationReport.ServiceRate::service,
                s -> s.recordsConsumed().total()));
        assertThat(consumed).containsExactlyInAnyOrderEntriesOf(Map.of("metadata-service", 1L + 4 + 7 + 3 + 6,
                "licensing-service", 1L + 4, "activation-service", 1L + 4, "topology-service", 3L, "udp-gateway", 6L));
        assertThat(cp.plannerCalls().total()).isEqualTo(3);
        assertThat(cp.getPlanningState().total()).isEqualTo(6);
        assertThat(report.wan().bytes()).isZero();
        assertThat(report.work().transfers()).isEqualTo(3); // the seed serves one copy; the RVP serves the other two
    }

    @Test
    void heartbeatsAreEveryAgentOncePerIntervalOverTheWindow() {
        SimulationReport report = FleetSimulation.run(settings(small("--heartbeat-interval", "7s", "--register-interval", "90s")));
        SimulationReport.ControlPlane cp = report.controlPlane();
        long agents = report.scenario().devices() + report.scenario().seeds();
        long windowMs = cp.windowSeconds() * 1000;

        assertThat(total(cp, "HEARTBEAT")).isEqualTo(ceilDiv(agents * windowMs, 7_000));
        assertThat(total(cp, "REGISTER")).isEqualTo(ceilDiv(agents * windowMs, 90_000));
        assertThat(cp.messages().stream().filter(m -> m.message().equals("HEARTBEAT")).findFirst().orElseThrow().rate()
                .meanPerSecond()).isCloseTo(agents / 7.0, org.assertj.core.data.Offset.offset(agents / 7.0 * 0.05));
        assertThat(total(cp, "TRANSFER_REPORT")).isEqualTo(600);
        assertThat(total(cp, "DEPLOYMENT_NOTICE")).isEqualTo(600);
        assertThat(total(cp, "PLAN_REQUEST")).isEqualTo(cp.plannerCalls().total()).isEqualTo(report.work().plannerCalls());
    }

    private static long total(SimulationReport.ControlPlane cp, String message) {
        return cp.messages().stream().filter(m -> m.message().equals(message)).findFirst().orElseThrow().rate().total();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static Map<String, SimulationReport.OfficeResult> offices(SimulationReport report) {
        return report.completion().offices().stream().collect(Collectors.toMap(SimulationReport.OfficeResult::office,
                Function.identity()));
    }
}
