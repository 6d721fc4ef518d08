package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_WAIT;
import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.GIB;
import static dev.cascade.topology.planner.Fixture.REGION;
import static dev.cascade.topology.planner.Fixture.branchChain;
import static dev.cascade.topology.planner.Fixture.chain;
import static dev.cascade.topology.planner.Fixture.multicast;
import static dev.cascade.topology.planner.Fixture.peer;
import static dev.cascade.topology.planner.Fixture.plan;
import static dev.cascade.topology.planner.Fixture.planner;
import static dev.cascade.topology.planner.Fixture.sourceIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.OfficeKind;

/** Seed 003: one representative per subnet fetches (along the hierarchy); the others join its session. */
class MulticastPlanTest {

    private final PeerState rep = peer("rep", BRANCH).ip("10.7.1.20").free(90 * GIB).build();
    private final PeerState member = peer("member", BRANCH).ip("10.7.1.30").build();
    private final PeerState otherSubnet = peer("other", BRANCH).ip("10.7.2.40").free(10 * GIB).build();
    private final PeerState parent = peer("r1", REGION).ip("10.2.0.5").holding(100).build();
    private final List<PeerState> everyone = List.of(rep, member, otherSubnet, parent);

    @Test
    void theRepresentativeOfTheSubnetFetchesAlongTheHierarchy() {
        Plan plan = plan(planner(), branchChain(), multicast(), rep, everyone);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("r1");
        assertThat(plan.rvp()).isTrue();
        assertThat(plan.explanation()).startsWith("Multicast: this device is the multicast domain representative of subnet 10.7.1.0/24");
    }

    @Test
    void theOthersOfTheSubnetWaitTheSessionStartDelay() {
        Plan plan = plan(planner(), branchChain(), multicast(), member, everyone);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.retryAfterMs()).isEqualTo(60_000);
        assertThat(sourceIds(plan)).containsExactly("rep");
        assertThat(plan.sources().get(0).reason()).contains("multicast domain representative of subnet 10.7.1.0/24: join its session");
        assertThat(plan.explanation()).contains("rep is the multicast domain representative of subnet 10.7.1.0/24")
                .contains("joins its session after the session start delay");
    }

    @Test
    void anotherSubnetHasItsOwnRepresentativeWhichWaitsForTheOfficesRvp() {
        Plan plan = plan(planner(), branchChain(), multicast(), otherSubnet, everyone);

        assertThat(plan.explanation()).startsWith("Multicast: this device is the multicast domain representative of subnet 10.7.2.0/24");
        assertThat(plan.action()).as("rep, of the other subnet, is the office's RVP").isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.pullsOverWan()).isFalse();
    }

    @Test
    void onceADeviceOfTheSubnetHoldsEverythingTheOthersFetchWhatTheyMissedFromPeers() {
        PeerState done = peer("rep", BRANCH).ip("10.7.1.20").holding(100).build();
        Plan plan = plan(planner(), branchChain(), multicast(), member, List.of(done, member, parent));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("rep");
        assertThat(plan.explanation()).contains("session is over");
    }

    @Test
    void wifiOfficesDoNotMulticast() {
        OfficeNode wifi = Fixture.kind(BRANCH, OfficeKind.WIFI);
        Plan plan = plan(planner(), chain(wifi, REGION, Fixture.HQ), multicast(), member, everyone);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.retryAfterMs()).as("peer-to-peer's wait for an RVP that has not started").isEqualTo(5_000);
        assertThat(plan.explanation()).startsWith("Multicast needs a wired (Standard) office and office Branch-7 is a Wi-Fi office");
    }

    @Test
    void ipv6SubnetsUseTheIpv6Prefix() {
        PeerState a = peer("a6", BRANCH).ip("2001:db8:7:1::20").free(90 * GIB).build();
        PeerState b = peer("b6", BRANCH).ip("2001:db8:7:1::30").build();
        Plan plan = plan(planner(), branchChain(), multicast(), b, List.of(a, b, parent));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.explanation()).contains("subnet 2001:db8:7:1::/64");
    }
}
