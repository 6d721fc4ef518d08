package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cascade.topology.model.SubnetRange.Form;

/** Export then import gives the same topology back, in CSV, in XLSX, and from one format to the other. */
class SheetRoundTripTest {

    private final TopologySheetReader reader = new TopologySheetReader();

    private Topology roundTrip(Topology topology, SheetFormat format) {
        SheetImport result = reader.read(TopologySheetWriter.toBytes(topology, format), format);
        assertThat(result.problems()).isEmpty();
        return result.topology();
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 25).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedTopologiesSurviveEveryFormatAndEveryCrossing(long seed) {
        Random sizes = new Random(seed);
        int offices = 1 + sizes.nextInt(60);
        Topology topology = withAwkwardNames(new TopologyGenerator(seed).generate(offices, offices + sizes.nextInt(200)),
                seed);

        Topology viaCsv = roundTrip(topology, SheetFormat.CSV);
        Topology viaXlsx = roundTrip(topology, SheetFormat.XLSX);

        assertThat(viaCsv).isEqualTo(topology);
        assertThat(viaXlsx).isEqualTo(topology);
        assertThat(roundTrip(viaCsv, SheetFormat.XLSX)).isEqualTo(topology);
        assertThat(roundTrip(viaXlsx, SheetFormat.CSV)).isEqualTo(topology);
        assertThat(TopologySheetWriter.toBytes(viaXlsx, SheetFormat.CSV))
                .isEqualTo(TopologySheetWriter.toBytes(topology, SheetFormat.CSV));
    }

    @Test
    void theGeneratedCasesCoverIpv6RangesThatAreNotCidrAndSingleAddresses() {
        List<SubnetRange> ranges = seeds().flatMap(seed -> new TopologyGenerator(seed).generate(40, 200).offices().stream())
                .flatMap(office -> office.ranges().stream()).toList();

        assertThat(ranges).anyMatch(SubnetRange::isIpv6);
        assertThat(ranges).anyMatch(range -> range.isIpv6() && range.form() == Form.RANGE);
        assertThat(ranges).anyMatch(range -> range.isIpv4() && range.form() == Form.RANGE);
        assertThat(ranges).anyMatch(range -> range.form() == Form.ADDRESS);
        assertThat(ranges).anyMatch(range -> range.form() == Form.CIDR);
    }

    @Test
    void namesWithSeparatorsQuotesLineBreaksAndAnyScriptSurvive() {
        Topology topology = Topology.of(List.of(
                OfficeDefinition.of("central", "Zentrale, \"HQ\"; Etage 2", OfficeKind.STANDARD, null, List.of()),
                OfficeDefinition.of("annex", "Annex\nBuilding B", OfficeKind.STANDARD, "central",
                        List.of(SubnetRange.parse("10.1.2.3"), SubnetRange.parse("10.1.2.4/32"))),
                OfficeDefinition.of("tokyo", "東京オフィス 🏢", OfficeKind.WIFI, "annex",
                        List.of(SubnetRange.parse("2001:db8::10-2001:db8::ff"))),
                OfficeDefinition.of("formula", "=1+1", OfficeKind.VPN, "central", List.of()),
                OfficeDefinition.of("0042", "0042", OfficeKind.STANDARD, "central", List.of())));

        for (SheetFormat format : SheetFormat.values()) {
            assertThat(roundTrip(topology, format)).isEqualTo(topology);
        }
    }

    @Test
    void aTopologyOfTenThousandOfficesAndOneHundredThousandRangesSurvivesBothFormats() {
        Topology big = new TopologyGenerator(42).generate(10_000, 100_000);

        assertThat(roundTrip(big, SheetFormat.CSV)).isEqualTo(big);
        assertThat(roundTrip(big, SheetFormat.XLSX)).isEqualTo(big);
    }

    /** Renames some offices to names that need quoting, escaping or non-ASCII text. */
    private static Topology withAwkwardNames(Topology topology, long seed) {
        String[] awkward = {"Köln, \"Dom\"", "a;b c", "line\nbreak", "tab\there", "İstanbul", "Łódź", "'quoted'"};
        List<OfficeDefinition> offices = new ArrayList<>();
        for (int i = 0; i < topology.size(); i++) {
            OfficeDefinition office = topology.offices().get(i);
            String name = (i + seed) % 3 == 0 ? awkward[(int) ((i + seed) % awkward.length)] + " " + office.id() : office.name();
            offices.add(new OfficeDefinition(office.id(), name, office.type(), office.parentId(), office.ranges(),
                    office.preferredRvps(), office.metered(), office.allowDirectCdn()));
        }
        return Topology.of(offices);
    }
}
