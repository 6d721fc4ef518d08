package dev.cascade.topology.model;

import static dev.cascade.topology.model.Offices.central;
import static dev.cascade.topology.model.Offices.standard;
import static dev.cascade.topology.model.Offices.wifi;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.TopologyDiff.FieldChange;
import dev.cascade.topology.model.TopologyDiff.OfficeChange;
import dev.cascade.topology.model.TopologyDiff.PeerMove;

class TopologyDiffTest {

    private final Topology current = Topology.of(List.of(
            central("10.0.0.0/16"),
            standard("berlin", "central", "10.2.0.0/16", "2001:db8:2::/48"),
            standard("paris", "central", "10.3.0.0/16"),
            standard("rome", "central", "10.4.0.0/16")));

    @Test
    void sameTopologyNoChange() {
        List<PeerPlacement> peers = List.of(new PeerPlacement("d1", "h1", "10.2.0.5", "berlin"));

        assertThat(TopologyDiff.between(current, current, peers).isEmpty()).isTrue();
    }

    @Test
    void listsOfficesAddedRemovedAndChangedFieldByField() {
        Topology proposed = Topology.of(List.of(
                central("10.0.0.0/16"),
                new OfficeDefinition("berlin", "Berlin HQ", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("2001:db8:2::/48"), SubnetRange.parse("10.2.0.0-10.2.4.255")),
                        List.of(Offices.RVP_1), true, false),
                wifi("berlin-wifi", "berlin", "10.2.5.0/24"),
                // same ranges in another order, the rest unchanged: no change
                Offices.office("paris", "Office paris", OfficeKind.STANDARD, "central", "10.3.0.0/16")));

        TopologyDiff diff = TopologyDiff.between(current, proposed, List.of());

        assertThat(diff.added()).extracting(OfficeDefinition::id).containsExactly("berlin-wifi");
        assertThat(diff.removed()).extracting(OfficeDefinition::id).containsExactly("rome");
        assertThat(diff.changed()).containsExactly(new OfficeChange("berlin", List.of(
                new FieldChange("name", "Office berlin", "Berlin HQ"),
                new FieldChange("subnets", "10.2.0.0/16; 2001:db8:2::/48", "2001:db8:2::/48; 10.2.0.0-10.2.4.255"),
                new FieldChange("preferred_rvps", "", Offices.RVP_1),
                new FieldChange("metered", "false", "true"))));
    }

    @Test
    void theOrderOfSubnetsAndRvpsIsNoChange() {
        Topology a = Topology.of(List.of(central(), Offices.withRvps(standard("x", "central", "10.1.0.0/24", "10.2.0.0/24"),
                Offices.RVP_1, Offices.RVP_2)));
        Topology b = Topology.of(List.of(central(), Offices.withRvps(standard("x", "central", "10.2.0.0/24", "10.1.0.0/24"),
                Offices.RVP_2, Offices.RVP_1)));

        assertThat(TopologyDiff.between(a, b, List.of()).isEmpty()).isTrue();
    }

    @Test
    void typeParentAndCdnChangesAreNamed() {
        Topology a = Topology.of(List.of(central(), standard("x", "central"), standard("y", "central")));
        Topology b = Topology.of(List.of(central(), standard("x", "central"),
                new OfficeDefinition("y", "Office y", OfficeKind.VPN, "x", List.of(), List.of(), false, true)));

        assertThat(TopologyDiff.between(a, b, List.of()).changed()).containsExactly(new OfficeChange("y", List.of(
                new FieldChange("type", "Standard", "VPN"),
                new FieldChange("parent_id", "central", "x"),
                new FieldChange("allow_direct_cdn", "false", "true"))));
    }

    @Test
    void peersMoveWhereTheProposedTopologyResolvesTheirAddress() {
        Topology proposed = Topology.of(List.of(
                central("10.0.0.0/16"),
                standard("berlin", "central", "10.2.0.0-10.2.4.255", "10.2.6.0-10.2.255.255", "2001:db8:2::/48"),
                wifi("berlin-wifi", "berlin", "10.2.5.0/24"),
                standard("paris", "central", "10.3.0.0/16"),
                standard("lyon", "central", "10.4.0.0/16")));
        List<PeerPlacement> peers = List.of(
                new PeerPlacement("d1", "laptop-1", "10.2.5.20", "berlin"),      // into the new Wi-Fi office
                new PeerPlacement("d2", "desktop-2", "10.2.7.1", "berlin"),      // stays
                new PeerPlacement("d3", "desktop-3", "2001:db8:2::9", "berlin"), // stays (IPv6)
                new PeerPlacement("d4", "server-4", "10.4.0.9", "rome"),         // rome's range now lyon's
                new PeerPlacement("d5", "kiosk-5", "10.9.9.9", "berlin"),        // no range: central
                new PeerPlacement("d6", "new-6", "10.3.0.7", null),              // pending: gets an office
                new PeerPlacement("d7", "odd-7", "not-an-ip", "paris"));

        TopologyDiff diff = TopologyDiff.between(current, proposed, peers);

        assertThat(diff.movedPeers()).containsExactly(
                new PeerMove("d1", "laptop-1", "10.2.5.20", "berlin", "berlin-wifi",
                        "matched range 10.2.5.0/24 of office berlin-wifi"),
                new PeerMove("d4", "server-4", "10.4.0.9", "rome", "lyon", "matched range 10.4.0.0/16 of office lyon"),
                new PeerMove("d5", "kiosk-5", "10.9.9.9", "berlin", "central", "no range holds 10.9.9.9: central office"),
                new PeerMove("d6", "new-6", "10.3.0.7", null, "paris", "matched range 10.3.0.0/16 of office paris"));
        assertThat(diff.unresolvablePeers()).extracting(PeerPlacement::deviceId).containsExactly("d7");
        assertThat(diff.removed()).extracting(OfficeDefinition::id).containsExactly("rome");
        assertThat(diff.added()).extracting(OfficeDefinition::id).containsExactly("berlin-wifi", "lyon");
    }

    @Test
    void onABigTopologyExactlyThePeersOfRemovedOfficesMoveToTheCentralOffice() {
        Topology big = new TopologyGenerator(11).generate(10_000, 30_000);
        List<PeerPlacement> peers = new TopologyGenerator(12).peers(big, 10_000);
        Set<String> removedIds = new HashSet<>();
        List<OfficeDefinition> kept = new ArrayList<>();
        for (OfficeDefinition office : big.offices()) {
            // remove every tenth leaf office (no sub-offices, so the rest stays valid)
            if (!office.isCentral() && big.children(office.id()).isEmpty() && office.id().hashCode() % 10 == 0) {
                removedIds.add(office.id());
            } else {
                kept.add(office);
            }
        }
        Topology proposed = Topology.of(kept);

        TopologyDiff diff = TopologyDiff.between(big, proposed, peers);

        List<PeerPlacement> expected = peers.stream().filter(peer -> removedIds.contains(peer.officeId())).toList();
        assertThat(removedIds).hasSizeGreaterThan(100);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(diff.removed()).hasSize(removedIds.size());
        assertThat(diff.added()).isEmpty();
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.movedPeers()).extracting(PeerMove::deviceId)
                .containsExactlyElementsOf(expected.stream().map(PeerPlacement::deviceId).toList());
        assertThat(diff.movedPeers()).extracting(PeerMove::toOfficeId).containsOnly("central");
    }
}
