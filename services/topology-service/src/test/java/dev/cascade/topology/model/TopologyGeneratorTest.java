package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;


class TopologyGeneratorTest {

    @Test
    void theSameSeedGivesTheSameTopologyAndPeers() {
        Topology a = new TopologyGenerator(5).generate(300, 2_000);
        Topology b = new TopologyGenerator(5).generate(300, 2_000);
        Topology other = new TopologyGenerator(6).generate(300, 2_000);

        assertThat(a).isEqualTo(b);
        assertThat(other).isNotEqualTo(a);
        assertThat(new TopologyGenerator(9).peers(a, 500)).isEqualTo(new TopologyGenerator(9).peers(b, 500));
    }

    @Test
    void makesExactlyTheOfficesAndRangesAskedForWithEveryTypeAndAWifiOfficeUnderAWiredOne() {
        Topology topology = new TopologyGenerator(1).generate(1_000, 5_000);

        assertThat(topology.size()).isEqualTo(1_000);
        assertThat(topology.rangeCount()).isEqualTo(5_000);
        assertThat(topology.offices()).extracting(OfficeDefinition::type).contains(OfficeKind.STANDARD, OfficeKind.VPN,
                OfficeKind.WIFI);
        assertThat(topology.offices()).filteredOn(office -> office.type() == OfficeKind.WIFI)
                .allMatch(office -> topology.office(office.parentId()).orElseThrow().type() == OfficeKind.STANDARD);
        assertThat(topology.offices()).anyMatch(office -> !office.preferredRvps().isEmpty());
        assertThat(topology.offices()).anyMatch(OfficeDefinition::metered);
        assertThat(new TopologyValidator(TopologyGenerator.SERVER_IP).validate(topology.offices())).isEmpty();
    }

    @Test
    void peersAreWhereTheTopologyResolvesThemSomeInTheCentralOffice() {
        Topology topology = new TopologyGenerator(2).generate(100, 400);

        List<PeerPlacement> peers = new TopologyGenerator(3).peers(topology, 2_000);

        assertThat(peers).hasSize(2_000);
        assertThat(peers).allMatch(peer -> topology.resolver().resolve(peer.ip()).officeId().equals(peer.officeId()));
        assertThat(peers).anyMatch(peer -> peer.officeId().equals("central"));
        assertThat(peers).anyMatch(peer -> peer.ip().contains(":"));
        assertThat(peers.stream().map(PeerPlacement::deviceId).distinct()).hasSize(2_000);
    }

    @Test
    void smallestSizesWork() {
        assertThat(new TopologyGenerator(1).generate(1, 3).offices()).singleElement()
                .satisfies(central -> assertThat(central.ranges()).hasSize(3));
        assertThat(new TopologyGenerator(1).generate(2, 2).size()).isEqualTo(2);
        assertThatThrownBy(() -> new TopologyGenerator(1).generate(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
