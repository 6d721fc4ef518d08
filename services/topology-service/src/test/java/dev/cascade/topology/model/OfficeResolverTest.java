package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.topology.model.OfficeResolver.Match;
import dev.cascade.topology.model.OfficeResolver.Range;

class OfficeResolverTest {

    private static Range cidr(String office, String first, String last, String cidr) {
        return Range.of(office, first, last, cidr);
    }

    private static Range span(String office, String first, String last) {
        return Range.of(office, first, last, null);
    }

    @Test
    void nestedRangesResolveToTheMostSpecific() {
        OfficeResolver resolver = new OfficeResolver("central", List.of(
                cidr("region", "10.0.0.0", "10.255.255.255", "10.0.0.0/8"),
                cidr("ams", "10.1.0.0", "10.1.255.255", "10.1.0.0/16"),
                cidr("ams-wifi", "10.1.2.0", "10.1.2.255", "10.1.2.0/24")));

        assertThat(resolver.resolve("10.1.2.3").officeId()).isEqualTo("ams-wifi");
        assertThat(resolver.resolve("10.1.9.9").officeId()).isEqualTo("ams");
        assertThat(resolver.resolve("10.200.0.1").officeId()).isEqualTo("region");
        Match match = resolver.resolve("10.1.9.9");
        assertThat(match.matched()).isTrue();
        assertThat(match.range().label()).isEqualTo("10.1.0.0/16");
    }

    @Test
    void aRangeThatIsNoCidrBlockHoldsExactlyItsAddresses() {
        OfficeResolver resolver = new OfficeResolver("central", List.of(span("lab", "192.168.1.10", "192.168.1.20")));

        assertThat(resolver.resolve("192.168.1.9").officeId()).isEqualTo("central");
        assertThat(resolver.resolve("192.168.1.10").officeId()).isEqualTo("lab");
        assertThat(resolver.resolve("192.168.1.15").officeId()).isEqualTo("lab");
        assertThat(resolver.resolve("192.168.1.20").officeId()).isEqualTo("lab");
        assertThat(resolver.resolve("192.168.1.21").officeId()).isEqualTo("central");
        assertThat(resolver.resolve("192.168.1.15").range().label()).isEqualTo("192.168.1.10-192.168.1.20");
    }

    @Test
    void whereTwoRangesShareAPrefixBlockTheSmallerRangeWinsWhateverTheOrder() {
        Range wide = span("floor-1", "10.0.0.0", "10.0.0.200");      // blocks /25, /26, /29, /32
        Range narrow = cidr("floor-1-lab", "10.0.0.0", "10.0.0.127", "10.0.0.0/25");
        for (List<Range> ranges : List.of(List.of(wide, narrow), List.of(narrow, wide))) {
            OfficeResolver resolver = new OfficeResolver("central", ranges);
            assertThat(resolver.resolve("10.0.0.5").officeId()).isEqualTo("floor-1-lab");
            assertThat(resolver.resolve("10.0.0.150").officeId()).isEqualTo("floor-1");
            assertThat(resolver.resolve("10.0.0.201").officeId()).isEqualTo("central");
        }
    }

    @Test
    void resolvesIpv6AndIpv4MappedAddresses() {
        OfficeResolver resolver = new OfficeResolver("central", List.of(
                cidr("eu", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32"),
                cidr("ams", "2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::/48"),
                span("v6-lab", "2001:db8:2::10", "2001:db8:2::1f"),
                cidr("v4", "10.1.0.0", "10.1.255.255", "10.1.0.0/16")));

        assertThat(resolver.resolve("2001:db8:1::7").officeId()).isEqualTo("ams");
        assertThat(resolver.resolve("2001:DB8:1:0:0:0:0:7").officeId()).isEqualTo("ams");
        assertThat(resolver.resolve("2001:db8:3::1").officeId()).isEqualTo("eu");
        assertThat(resolver.resolve("2001:db8:2::15").officeId()).isEqualTo("v6-lab");
        assertThat(resolver.resolve("2001:db8:2::20").officeId()).isEqualTo("eu");
        assertThat(resolver.resolve("2001:dead::1").officeId()).isEqualTo("central");
        assertThat(resolver.resolve("::ffff:10.1.2.3").officeId()).isEqualTo("v4");
    }

    @Test
    void anAddressNoRangeHoldsBelongsToTheCentralOffice() {
        OfficeResolver resolver = new OfficeResolver("hq", List.of(cidr("ams", "10.1.0.0", "10.1.255.255", "10.1.0.0/16")));

        Match match = resolver.resolve("10.9.9.9");
        assertThat(match.officeId()).isEqualTo("hq");
        assertThat(match.matched()).isFalse();
        assertThat(match.range()).isNull();
        assertThat(new OfficeResolver("hq", List.of()).resolve("2001:db8::1").officeId()).isEqualTo("hq");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.300", "not-an-ip", "example.com", "localhost", "10.1.0.0/16", "10.1.2.*", "10.1",
            "2001:db8::g", "1.2.3.4.5"})
    void aMalformedAddressIsRefusedByName(String address) {
        OfficeResolver resolver = new OfficeResolver("central", List.of());
        assertThatThrownBy(() -> resolver.resolve(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + address + "'");
    }

    @Test
    void anEmptyAddressIsRefused() {
        OfficeResolver resolver = new OfficeResolver("central", List.of());
        assertThatThrownBy(() -> resolver.resolve(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> resolver.resolve(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedRangeIsRefusedNamingTheRangeAndOffice() {
        assertThatThrownBy(() -> new OfficeResolver("central", List.of(span("ams", "10.1.0.0", "10.1.0.999"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.1.0.0-10.1.0.999").hasMessageContaining("ams");
        assertThatThrownBy(() -> new OfficeResolver("central", List.of(span("ams", "10.1.0.9", "10.1.0.1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is after");
        assertThatThrownBy(() -> new OfficeResolver("central", List.of(span("ams", "10.1.0.1", "2001:db8::1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixes IPv4 and IPv6");
    }

    @Test
    void nestedAndOverlappingRangesAnswerAsTheSmallestRangeHoldingTheAddress() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<Range> ranges = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(12); r++) {
                int first = random.nextInt(256);
                int last = Math.min(255, first + random.nextInt(96));
                ranges.add(span("office-" + r, "10.0.0." + first, "10.0.0." + last));
            }
            OfficeResolver resolver = new OfficeResolver("central", ranges);
            for (int host = 0; host < 256; host++) {
                String address = "10.0.0." + host;
                assertThat(resolver.resolve(address).range()).as("%s in %s", address, ranges)
                        .isEqualTo(smallestHolding(ranges, address));
            }
        }
    }

    @Test
    void aGeneratedTopologyResolvesEveryPeerToTheOfficeTheGeneratorPlacedItIn() {
        TopologyGenerator generator = new TopologyGenerator(5);
        Topology topology = generator.generate(500, 5_000);
        OfficeResolver viaText = new OfficeResolver(topology.central().id(), ranges(topology));
        List<PeerPlacement> peers = generator.peers(topology, 20_000);
        for (PeerPlacement peer : peers) {
            assertThat(topology.resolver().resolve(peer.ip()).officeId()).as(peer.ip()).isEqualTo(peer.officeId());
            assertThat(viaText.resolve(peer.ip()).officeId()).as(peer.ip()).isEqualTo(peer.officeId());
        }
        for (OfficeDefinition office : topology.offices()) {
            for (SubnetRange range : office.ranges()) {
                assertThat(topology.resolver().resolve(range.firstText()).officeId()).isEqualTo(office.id());
                assertThat(topology.resolver().resolve(range.lastText()).officeId()).isEqualTo(office.id());
            }
        }
    }

    private static List<Range> ranges(Topology topology) {
        List<Range> ranges = new ArrayList<>();
        for (OfficeDefinition office : topology.offices()) {
            for (SubnetRange range : office.ranges()) {
                ranges.add(new Range(office.id(), range.firstText(), range.lastText(), range.text()));
            }
        }
        return ranges;
    }

    /** The oracle: a linear scan for the smallest range holding the address, the first given on a tie. */
    private static Range smallestHolding(List<Range> ranges, String address) {
        BigInteger value = OfficeResolver.parse(address).getValue();
        return ranges.stream()
                .filter(range -> OfficeResolver.parse(range.firstAddress()).getValue().compareTo(value) <= 0
                        && OfficeResolver.parse(range.lastAddress()).getValue().compareTo(value) >= 0)
                .min(Comparator.comparing((Range range) -> OfficeResolver.parse(range.lastAddress()).getValue()
                        .subtract(OfficeResolver.parse(range.firstAddress()).getValue())))
                .orElse(null);
    }
}
