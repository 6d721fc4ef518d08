package dev.cascade.cli.demo.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The office tree: which office an address is in, the links between two addresses, and refusals of bad trees. */
class WanTopologyTest {

    private static final LinkShape LINK = SampleWan.mbit(20, 200, 10);
    private final ManualScheduler clock = new ManualScheduler(0);
    private final WanTopology wan = new WanTopology(SampleWan.offices(LINK), clock);

    @Test
    void anAddressIsInTheOfficeWhoseRangeHoldsIt() {
        assertThat(wan.officeOf(ip("127.0.1.10"))).contains("HQ");
        assertThat(wan.officeOf(ip("127.0.3.255"))).contains("Branch-A-WiFi");
        assertThat(wan.officeOf(ip("127.0.5.7"))).contains("VPN");
        assertThat(wan.officeOf(ip("127.0.9.1"))).isEmpty();
        assertThat(wan.officeOf(ip("::1"))).isEmpty();
    }

    @Test
    void theSmallestRangeDecidesWhereRangesNest() {
        WanTopology nested = new WanTopology(List.of(
                WanOffice.central("HQ", "127.0.0.0/16"),
                WanOffice.branch("Lab", "HQ", LINK, LINK, "127.0.7.10-127.0.7.19"),
                WanOffice.branch("Desk", "HQ", LINK, LINK, "127.0.7.12")), clock);

        assertThat(nested.officeOf(ip("127.0.7.9"))).contains("HQ");
        assertThat(nested.officeOf(ip("127.0.7.10"))).contains("Lab");
        assertThat(nested.officeOf(ip("127.0.7.12"))).contains("Desk");
        assertThat(nested.officeOf(ip("127.0.7.19"))).contains("Lab");
        assertThat(nested.officeOf(ip("127.0.7.20"))).contains("HQ");
    }

    @Test
    void aPathClimbsToTheNearestCommonOfficeAndDescends() {
        assertThat(names("127.0.3.20", "127.0.1.10")).containsExactly("Branch-A-WiFi → Branch-A", "Branch-A → HQ");
        assertThat(names("127.0.1.10", "127.0.3.20")).containsExactly("HQ → Branch-A", "Branch-A → Branch-A-WiFi");
        assertThat(names("127.0.3.20", "127.0.2.10")).containsExactly("Branch-A-WiFi → Branch-A");
        assertThat(names("127.0.2.20", "127.0.4.10")).containsExactly("Branch-A → HQ", "HQ → Branch-B");
        assertThat(names("127.0.2.20", "127.0.2.21")).isEmpty();
        assertThat(wan.path(ip("127.0.9.1"), ip("127.0.1.10"))).isEmpty();
        assertThat(wan.path(ip("127.0.1.10"), ip("127.0.9.1"))).isEmpty();
    }

    @Test
    void eachVpnDeviceHasItsOwnLink() {
        assertThat(names("127.0.5.7", "127.0.1.10")).containsExactly("VPN 127.0.5.7 → HQ");
        assertThat(names("127.0.1.10", "127.0.5.7")).containsExactly("HQ → VPN 127.0.5.7");
        assertThat(names("127.0.5.8", "127.0.2.10")).containsExactly("VPN 127.0.5.8 → HQ", "HQ → Branch-A");
        assertThat(names("127.0.5.7", "127.0.5.8")).containsExactly("VPN 127.0.5.7 → HQ", "HQ → VPN 127.0.5.8");
        assertThat(names("127.0.5.7", "127.0.5.7")).isEmpty();

        WanLink first = wan.path(ip("127.0.5.7"), ip("127.0.1.10")).orElseThrow().links().get(0);
        WanLink again = wan.path(ip("127.0.5.7"), ip("127.0.1.1")).orElseThrow().links().get(0);
        assertThat(again).isSameAs(first);
        assertThat(first.office()).isEqualTo("VPN");
        assertThat(first.direction()).isEqualTo(LinkDirection.UP);
        assertThat(wan.counters().of("VPN", LinkDirection.DOWN)).extracting(LinkCounters::link)
                .containsExactly("HQ → VPN 127.0.5.7", "HQ → VPN 127.0.5.8");
        assertThatThrownBy(() -> wan.link("VPN", LinkDirection.UP)).hasMessageContaining("office VPN has no shared");
    }

    @Test
    void aDatagramCrossingTwoLinksWaitsInBothQueuesInTurn() {
        // Branch-A → HQ is busy with another datagram; the Wi-Fi device's datagram queues behind it on the second link
        WanLink branchUp = wan.link("Branch-A", LinkDirection.UP);
        branchUp.offer(2_472, () -> { }); // 2 500 bytes on the wire at 20 Mbit/s: 1 ms
        List<Long> arrivals = new ArrayList<>();
        WanPath path = wan.path(ip("127.0.3.20"), ip("127.0.1.10")).orElseThrow();

        path.send(24_972, () -> arrivals.add(clock.nanoTime())); // 25 000 bytes: 10 ms on each link
        clock.runAll();

        // 10 ms out of the Wi-Fi, 10 ms of wire, then the branch link is idle again: 10 ms more and 10 ms of wire
        assertThat(arrivals).containsExactly(40_000_000L);
        assertThat(wan.counters().link("Branch-A-WiFi → Branch-A").orElseThrow().datagramsDelivered()).isEqualTo(1);
        assertThat(wan.counters().link("Branch-A → HQ").orElseThrow().bytesDelivered()).isEqualTo(2_472 + 24_972);
        assertThat(wan.counters().bytesDelivered()).isEqualTo(2_472 + 2 * 24_972);
        assertThat(wan.counters().wireBytesDelivered()).isEqualTo(2_500 + 2 * 25_000);
    }

    @Test
    void theSecondLinksQueueIsMetWhenTheFirstDeliversIntoIt() {
        WanLink branchUp = wan.link("Branch-A", LinkDirection.UP);
        for (int i = 0; i < 3; i++) {
            branchUp.offer(24_972, () -> { }); // Branch-A → HQ busy until 30 ms
        }
        List<Long> arrivals = new ArrayList<>();

        wan.path(ip("127.0.3.20"), ip("127.0.1.10")).orElseThrow().send(2_472, () -> arrivals.add(clock.nanoTime()));
        clock.runAll();

        // 1 ms out of the Wi-Fi + 10 ms of wire: enters the branch link at 11 ms, waits until 30, 1 ms, 10 ms of wire
        assertThat(arrivals).containsExactly(41_000_000L);
        assertThat(branchUp.counters().maxQueueingDelay()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void everySharedLinkExistsFromTheStartBothWays() {
        assertThat(wan.counters().links()).extracting(LinkCounters::link).containsExactly(
                "Branch-A → HQ", "HQ → Branch-A", "Branch-A-WiFi → Branch-A", "Branch-A → Branch-A-WiFi",
                "Branch-B → HQ", "HQ → Branch-B");
        assertThat(wan.counters().bytesInto("Branch-A")).isZero();
    }

    @Test
    void badTreesAreRefusedNamingTheOfficeAndTheProblem() {
        WanOffice hq = WanOffice.central("HQ", "127.0.1.0/24");
        refused(List.of(), "at least the central office");
        refused(List.of(hq, WanOffice.branch("A", "Nowhere", LINK, LINK, "127.0.2.0/24")),
                "office A names parent Nowhere, which is not an office");
        refused(List.of(hq, WanOffice.central("HQ2", "127.0.2.0/24")), "exactly one central office");
        refused(List.of(hq, WanOffice.branch("HQ", "HQ", LINK, LINK, "127.0.2.0/24")), "office HQ is listed twice");
        refused(List.of(hq, WanOffice.branch("A", "HQ", LINK, LINK, "127.0.1.0/24")),
                "range 127.0.1.0/24 of office A is also a range of office HQ");
        refused(List.of(hq, WanOffice.branch("A", "HQ", LINK, LINK, "127.0.2.300")),
                "range \"127.0.2.300\" of office A is not an IP address");
        refused(List.of(hq, WanOffice.branch("A", "HQ", LINK, LINK, "127.0.2.1-::5")),
                "range \"127.0.2.1-::5\" of office A");
        refused(List.of(hq, WanOffice.branch("A", "B", LINK, LINK, "127.0.2.0/24"),
                WanOffice.branch("B", "A", LINK, LINK, "127.0.3.0/24")), "parents form a cycle");
        refused(List.of(hq, WanOffice.perDevice("VPN", "HQ", LINK, LINK, "127.0.5.0/24"),
                WanOffice.branch("Home", "VPN", LINK, LINK, "127.0.6.0/24")), "can have no sub-offices");
        refused(List.of(hq, WanOffice.branch("A", "HQ", LINK, null, "127.0.2.0/24")),
                "office A needs both directions of its link to HQ");
        refused(List.of(hq, WanOffice.branch("A", "HQ", LINK, LINK)), "office A has no address range");
        refused(List.of(new WanOffice("HQ", null, List.of("127.0.1.0/24"), LINK, LINK, false)),
                "the central office, which has no link above it");
    }

    private static void refused(List<WanOffice> offices, String message) {
        assertThatThrownBy(() -> new WanTopology(offices, new ManualScheduler(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private List<String> names(String from, String to) {
        return wan.path(ip(from), ip(to)).orElseThrow().links().stream().map(WanLink::name).toList();
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
