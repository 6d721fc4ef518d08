package dev.cascade.topology.model;

import static dev.cascade.topology.model.Offices.central;
import static dev.cascade.topology.model.Offices.standard;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.DetectedTopology.Proposal;

class DetectedTopologyTest {

    private static ObservedAddress at(String ip, int prefix) {
        return new ObservedAddress(ip, prefix);
    }

    @Test
    void proposesOneStandardOfficePerObservedSubnetUnderTheCentralOffice() {
        Proposal proposal = DetectedTopology.propose(Topology.initial(), List.of(
                at("10.1.2.37", 24), at("10.1.2.99", 24), at("10.1.3.5", 24),
                at("2001:db8:1:0:1::5", 48), at("172.16.40.9", 22)), at("10.0.0.10", 16));

        Topology topology = proposal.topology();
        assertThat(topology.offices()).containsExactly(
                OfficeDefinition.of("central", "Central office", OfficeKind.STANDARD, null,
                        List.of(SubnetRange.parse("10.0.0.0/16"))),
                OfficeDefinition.of("10.1.2.0-24", "10.1.2.0/24", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("10.1.2.0/24"))),
                OfficeDefinition.of("10.1.3.0-24", "10.1.3.0/24", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("10.1.3.0/24"))),
                OfficeDefinition.of("172.16.40.0-22", "172.16.40.0/22", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("172.16.40.0/22"))),
                OfficeDefinition.of("2001.db8.1..-48", "2001:db8:1::/48", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("2001:db8:1::/48"))));
        assertThat(proposal.addedOfficeIds()).containsExactly("10.1.2.0-24", "10.1.3.0-24", "172.16.40.0-22",
                "2001.db8.1..-48");
        assertThat(proposal.notes()).isEmpty();
        assertThat(new TopologyValidator("10.0.0.10").validate(topology.offices())).isEmpty();
        assertThat(topology.resolver().resolve("10.1.2.200").officeId()).isEqualTo("10.1.2.0-24");
    }

    @Test
    void startsFromTheCurrentTopologyAndAddsOnlyWhatNoOfficeHolds() {
        Topology current = Topology.of(List.of(
                Offices.office("central", "HQ", OfficeKind.STANDARD, null, "10.0.0.0/16"),
                Offices.office("berlin", "Berlin", OfficeKind.STANDARD, "central", "10.2.0.0/24"),
                Offices.office("lab", "Lab", OfficeKind.STANDARD, "berlin", "10.5.0.0-10.5.0.127")));

        Proposal proposal = DetectedTopology.propose(current, List.of(
                at("10.2.0.9", 24),     // berlin holds it: nothing
                at("10.2.0.10", 16),    // berlin holds the address: placed, nothing proposed
                at("10.5.0.200", 24),   // half of 10.5.0.0/24 is the lab's: the other half
                at("10.0.3.3", 24)),    // the central office holds it
                at("10.0.0.10", 16));

        assertThat(proposal.topology().offices().subList(0, 3)).isEqualTo(current.offices());
        assertThat(proposal.topology().offices().subList(3, 4)).containsExactly(
                OfficeDefinition.of("10.5.0.0-24", "10.5.0.0/24", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("10.5.0.128/25"))));
        assertThat(proposal.topology().size()).isEqualTo(4);
        assertThat(proposal.notes()).containsExactly("3 peer address(es) are already in an office, e.g. 10.2.0.9/24,"
                + " 10.2.0.10/16, 10.0.3.3/24");
    }

    @Test
    void nestedSubnetsGiveTheMoreSpecificItsOwnOfficeAndTheWiderTheRest() {
        Proposal proposal = DetectedTopology.propose(Topology.initial(), List.of(
                at("10.1.0.7", 16), at("10.1.2.7", 24)), null);

        assertThat(proposal.topology().offices()).extracting(OfficeDefinition::id)
                .containsExactly("central", "10.1.2.0-24", "10.1.0.0-16");
        assertThat(proposal.topology().office("10.1.0.0-16").orElseThrow().ranges()).extracting(SubnetRange::text)
                .containsExactly("10.1.0.0/23", "10.1.3.0-10.1.255.255");
    }

    @Test
    void addressesWithoutAUsableMaskProposeNothingAndAreCounted() {
        Proposal proposal = DetectedTopology.propose(Topology.initial(), List.of(
                at("10.8.0.2", 32), at("10.8.0.3", 32), at("2001:db8::5", 128), at("10.9.0.1", 0),
                at("10.7.0.1", 4), at("nonsense", 24), at("10.6.0.1", 40), at("::ffff:10.5.0.7", 120)), null);

        assertThat(proposal.addedOfficeIds()).containsExactly("10.5.0.0-24");
        assertThat(proposal.notes()).containsExactly(
                "2 peer address(es) have a host mask (/32), e.g. 10.8.0.2/32, 10.8.0.3/32: they propose no office and"
                        + " stay in the central office",
                "1 peer address(es) have a host mask (/128), e.g. 2001:db8::5/128: they propose no office and stay in"
                        + " the central office",
                "1 peer address(es) have no subnet mask (prefix length 0), e.g. 10.9.0.1/0: they propose no office and"
                        + " stay in the central office",
                "1 peer address(es) have a mask wider than /8, e.g. 10.7.0.1/4: they propose no office and stay in the"
                        + " central office",
                "1 peer address(es) are not IP addresses, e.g. nonsense/24: they propose no office and stay in the"
                        + " central office",
                "1 peer address(es) have an impossible prefix length, e.g. 10.6.0.1/40: they propose no office and stay"
                        + " in the central office");
    }

    @Test
    void proposedIdsAndNamesDoNotCollideWithExistingOffices() {
        Topology current = Topology.of(List.of(central(),
                Offices.office("10.1.2.0-24", "10.1.2.0/24", OfficeKind.STANDARD, "central", "192.168.0.0/24")));

        Proposal proposal = DetectedTopology.propose(current, List.of(at("10.1.2.5", 24)), null);

        assertThat(proposal.addedOfficeIds()).containsExactly("10.1.2.0-24-2");
        assertThat(proposal.topology().office("10.1.2.0-24-2").orElseThrow().name()).isEqualTo("10.1.2.0/24 (2)");
    }

    @Test
    void officeIdsOfIpv6SubnetsSatisfyTheIdSyntax() {
        Proposal proposal = DetectedTopology.propose(Topology.initial(), List.of(
                at("::1:2:3:4", 64), at("fd00:1234:5678:9abc:def0:1234:5678:9abc", 127)), null);

        assertThat(proposal.addedOfficeIds()).containsExactly("fd00.1234.5678.9abc.def0.1234.5678.9abc-127", "0..-64");
        assertThat(proposal.addedOfficeIds()).allMatch(id -> TopologyValidator.ID_SYNTAX.matcher(id).matches());
    }

    @Test
    void theServerSubnetGoesToTheCentralOfficeUnlessAnotherOfficeHoldsTheServer() {
        Topology current = Topology.of(List.of(central(), standard("berlin", "central", "10.2.0.0/16")));

        Proposal inside = DetectedTopology.propose(current, List.of(), at("10.2.0.5", 24));
        Proposal host = DetectedTopology.propose(current, List.of(), at("10.3.0.5", 32));

        assertThat(inside.topology()).isEqualTo(current);
        assertThat(inside.notes()).containsExactly("the server's address 10.2.0.5 is in office \"berlin\", not in the"
                + " central office: move that range to the central office");
        assertThat(host.topology()).isEqualTo(current);
        assertThat(host.notes()).containsExactly("the server's address 10.3.0.5/32 gives no subnet: the central office"
                + " is left as it was");
    }

    @Test
    void theProposalDownloadsAsTheSheetAndReadsBack() {
        Proposal proposal = DetectedTopology.propose(Topology.initial(), List.of(at("10.1.2.37", 24),
                at("2001:db8:1::5", 64), at("10.1.0.5", 16)), at("10.0.0.10", 16));

        for (SheetFormat format : SheetFormat.values()) {
            SheetImport back = new TopologySheetReader(SheetLimits.DEFAULT, "10.0.0.10")
                    .read(TopologySheetWriter.toBytes(proposal.topology(), format), format);
            assertThat(back.problems()).isEmpty();
            assertThat(back.topology()).isEqualTo(proposal.topology());
        }
    }

    @Test
    void proposesFromTenThousandPeersOverAGeneratedTopology() {
        Topology big = new TopologyGenerator(3).generate(2_000, 10_000);
        List<ObservedAddress> peers = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            peers.add(at("172." + (16 + i % 16) + "." + (i / 16 % 256) + "." + (1 + i % 200), 24));
        }

        Proposal proposal = DetectedTopology.propose(big, peers, null);

        assertThat(proposal.addedOfficeIds()).hasSize(16 * 256);
        assertThat(proposal.topology().size()).isEqualTo(2_000 + 16 * 256);
    }
}
