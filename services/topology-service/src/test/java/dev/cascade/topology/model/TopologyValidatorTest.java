package dev.cascade.topology.model;

import static dev.cascade.topology.model.Offices.central;
import static dev.cascade.topology.model.Offices.office;
import static dev.cascade.topology.model.Offices.standard;
import static dev.cascade.topology.model.Offices.wifi;
import static dev.cascade.topology.model.Offices.withRvps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.TopologyProblem.Code;

class TopologyValidatorTest {

    private static List<TopologyProblem> validate(OfficeDefinition... offices) {
        return new TopologyValidator().validate(List.of(offices));
    }

    /** Offices as if read from rows 2, 3, 4, ... of a sheet. */
    private static List<TopologyProblem> validateRows(OfficeDefinition... offices) {
        List<LocatedOffice> located = new ArrayList<>();
        for (int i = 0; i < offices.length; i++) {
            located.add(new LocatedOffice(offices[i], i + 2));
        }
        return new TopologyValidator().validateLocated(located);
    }

    private static List<String> lines(List<TopologyProblem> problems) {
        return problems.stream().map(TopologyProblem::describe).toList();
    }

    @Test
    void aWifiSubOfficeUnderItsWiredOfficeIsValid() {
        assertThat(validate(
                central("10.0.0.0/16"),
                standard("berlin", "central", "10.2.0.0-10.2.4.255", "10.2.6.0-10.2.255.255"),
                wifi("berlin-wifi", "berlin", "10.2.5.0/24"),
                wifi("berlin-guest-wifi", "berlin-wifi", "10.3.0.0/24"),
                office("vpn", "VPN users", OfficeKind.VPN, "central", "172.16.0.0/12"))).isEmpty();
    }

    @Test
    void adjacentRangesDoNotOverlap() {
        assertThat(validate(
                central("10.0.0.0/24"),
                standard("a", "central", "10.0.1.0-10.0.1.99", "2001:db8::/64"),
                standard("b", "central", "10.0.1.100-10.0.1.255", "2001:db8:0:1::/64"))).isEmpty();
    }

    @Test
    void overlappingRangesOfTwoOfficesNameBothOfficesRangesAndRows() {
        List<TopologyProblem> problems = validateRows(
                central("10.0.0.0/16"),
                standard("berlin", "central", "10.2.0.0/16"),
                wifi("berlin-wifi", "berlin", "10.2.5.0/24"));

        assertThat(lines(problems)).containsExactly(
                "row 3, column subnets: 10.2.0.0/16 of office \"berlin\" overlaps 10.2.5.0/24 of office \"berlin-wifi\" (row 4)");
        assertThat(problems.get(0).officeIds()).containsExactly("berlin", "berlin-wifi");
        assertThat(problems.get(0).code()).isEqualTo(Code.OVERLAPPING_RANGES);
        assertThat(problems.get(0).row()).isEqualTo(3);
        assertThat(problems.get(0).column()).isEqualTo("subnets");
    }

    @Test
    void overlapsOfRangesThatAreNotCidrAlignedAndOfIpv6AreFound() {
        assertThat(lines(validate(
                central(),
                standard("a", "central", "10.0.0.5-10.0.0.80", "2001:db8::10-2001:db8::ff"),
                standard("b", "central", "10.0.0.80-10.0.0.90", "2001:db8::/120"))))
                .containsExactly(
                        "10.0.0.5-10.0.0.80 of office \"a\" overlaps 10.0.0.80-10.0.0.90 of office \"b\"",
                        "2001:db8::/120 of office \"b\" overlaps 2001:db8::10-2001:db8::ff of office \"a\"");
    }

    @Test
    void aRangeOverlappingTwoEarlierOnesIsReportedWithBoth() {
        // sorted: a 10.0.0.0-10.0.0.100 reaches furthest; b starts inside it; c starts inside both
        assertThat(lines(validate(
                central(),
                standard("a", "central", "10.0.0.0-10.0.0.100"),
                standard("b", "central", "10.0.0.10-10.0.0.20"),
                standard("c", "central", "10.0.0.15-10.0.0.30"))))
                .containsExactly(
                        "10.0.0.0-10.0.0.100 of office \"a\" overlaps 10.0.0.10-10.0.0.20 of office \"b\"",
                        "10.0.0.0-10.0.0.100 of office \"a\" overlaps 10.0.0.15-10.0.0.30 of office \"c\"",
                        "10.0.0.10-10.0.0.20 of office \"b\" overlaps 10.0.0.15-10.0.0.30 of office \"c\"");
    }

    @Test
    void overlappingAndDuplicateRangesWithinOneOffice() {
        List<TopologyProblem> problems = validateRows(
                central(),
                standard("berlin", "central", "10.2.0.0/16", "10.2.5.0/24", "10.3.0.0/24", "10.3.0.0/24",
                        "10.4.0.1", "10.4.0.1/32"));

        assertThat(lines(problems)).containsExactly(
                "row 3, column subnets: 10.2.0.0/16 of office \"berlin\" overlaps its own range 10.2.5.0/24",
                "row 3, column subnets: 10.3.0.0/24 is listed twice for office \"berlin\"",
                "row 3, column subnets: 10.4.0.1 and 10.4.0.1/32 of office \"berlin\" are the same addresses");
        assertThat(problems).extracting(TopologyProblem::code).containsOnly(Code.OVERLAPPING_OWN_RANGES);
    }

    @Test
    void cyclesInTheParentRelationNameTheOfficesInTheCycle() {
        List<TopologyProblem> problems = validateRows(
                central(),
                standard("a", "c"),
                standard("b", "a"),
                standard("c", "b"),
                standard("d", "a"),
                standard("self", "self"));

        assertThat(lines(problems)).containsExactly(
                "row 3, column parent_id: offices \"a\" (row 3) -> \"c\" (row 5) -> \"b\" (row 4) -> \"a\" form a cycle of"
                        + " parents: every office must lead up to the central office",
                "row 7, column parent_id: office \"self\" is its own parent: every office must lead up to the central office");
        assertThat(problems.get(0).officeIds()).containsExactly("a", "c", "b");
        assertThat(problems).extracting(TopologyProblem::code).containsOnly(Code.PARENT_CYCLE);
    }

    @Test
    void anUnknownParentIsNamedWithAHintWhenOnlyTheCaseDiffers() {
        assertThat(lines(validateRows(
                central(),
                standard("berlin", "central"),
                standard("munich", "bavaria"),
                standard("potsdam", "Berlin"))))
                .containsExactly(
                        "row 4, column parent_id: parent_id \"bavaria\" of office \"munich\" names no office",
                        "row 5, column parent_id: parent_id \"Berlin\" of office \"potsdam\" names no office (ids are"
                                + " case-sensitive here: did you mean \"berlin\"?)");
    }

    @Test
    void noCentralOffice() {
        List<TopologyProblem> problems = validate(standard("a", "b"), standard("b", "a"));

        assertThat(problems).extracting(TopologyProblem::code).containsExactly(Code.NO_CENTRAL_OFFICE, Code.PARENT_CYCLE);
        assertThat(problems.get(0).message()).isEqualTo("there is no central office: exactly one office must have an"
                + " empty parent_id (the top of the hierarchy, where the server is)");
        assertThat(validate()).extracting(TopologyProblem::code).containsExactly(Code.NO_CENTRAL_OFFICE);
    }

    @Test
    void twoCentralOfficesNameBoth() {
        List<TopologyProblem> problems = validateRows(central(), standard("hq", null), standard("lab", null));

        assertThat(lines(problems)).containsExactly(
                "row 3, column parent_id: office \"hq\" has no parent_id, but office \"central\" (row 2) is already the"
                        + " central office: only one office may be without a parent",
                "row 4, column parent_id: office \"lab\" has no parent_id, but office \"central\" (row 2) is already the"
                        + " central office: only one office may be without a parent");
        assertThat(problems.get(0).officeIds()).containsExactly("hq", "central");
    }

    @Test
    void theCentralOfficeMustBeStandard() {
        assertThat(lines(validate(office("central", "HQ", OfficeKind.WIFI, null))))
                .containsExactly("the central office \"central\" is of type Wi-Fi, but must be Standard: content"
                        + " enters there and spreads over its wired LAN");
        assertThat(validate(office("central", "HQ", OfficeKind.VPN, null)))
                .extracting(TopologyProblem::code).containsExactly(Code.CENTRAL_OFFICE_NOT_STANDARD);
    }

    @Test
    void idsMustBeOfTheIdSyntaxAndUniqueIgnoringCase() {
        List<TopologyProblem> problems = validateRows(
                central(),
                standard("", "central"),
                standard("ber lin", "central"),
                standard("-dash-first", "central"),
                standard("x".repeat(65), "central"),
                standard("Berlin", "central"),
                standard("berlin", "central"),
                standard("Berlin", "central"));

        assertThat(lines(problems)).containsExactly(
                "row 3, column office_id: office id is empty",
                "row 4, column office_id: office id \"ber lin\" is not valid: expected 1 to 64 letters, digits, '.', '_'"
                        + " or '-', starting with a letter or digit",
                "row 5, column office_id: office id \"-dash-first\" is not valid: expected 1 to 64 letters, digits, '.',"
                        + " '_' or '-', starting with a letter or digit",
                "row 6, column office_id: office id \"" + "x".repeat(65) + "\" is not valid: expected 1 to 64 letters,"
                        + " digits, '.', '_' or '-', starting with a letter or digit",
                "row 8, column office_id: office id \"berlin\" is already used by office \"Berlin\" (row 7) (ids are"
                        + " compared ignoring case)",
                "row 8, column name: name \"Office berlin\" of office \"berlin\" is already the name of office \"Berlin\""
                        + " (row 7) (names are compared ignoring case)",
                "row 9, column office_id: office id \"Berlin\" is already used by another office (row 7) (ids are compared"
                        + " ignoring case)",
                "row 9, column name: name \"Office Berlin\" of office \"Berlin\" is already the name of office \"Berlin\""
                        + " (row 7) (names are compared ignoring case)");
        assertThat(problems).extracting(TopologyProblem::code).containsExactly(Code.INVALID_ID, Code.INVALID_ID,
                Code.INVALID_ID, Code.INVALID_ID, Code.DUPLICATE_ID, Code.DUPLICATE_NAME, Code.DUPLICATE_ID,
                Code.DUPLICATE_NAME);
    }

    @Test
    void namesMustBeNonEmptyShortAndUnique() {
        assertThat(lines(validate(
                central(),
                office("a", " ", OfficeKind.STANDARD, "central"),
                office("b", "x".repeat(201), OfficeKind.STANDARD, "central"),
                office("c", "Central Office ", OfficeKind.STANDARD, "central"))))
                .containsExactly(
                        "office \"a\" has an empty name",
                        "the name of office \"b\" has 201 characters: at most 200 are allowed",
                        "name \"Central Office\" of office \"c\" is already the name of office \"central\" (names are"
                                + " compared ignoring case)");
    }

    @Test
    void anOfficeWithoutTypeIsReported() {
        assertThat(lines(validate(central(), office("a", "A", null, "central"))))
                .containsExactly("office \"a\" has no type: expected Standard, VPN or Wi-Fi");
    }

    @Test
    void rvpsMustBeDeviceIdsListedOnceInOneOffice() {
        List<TopologyProblem> problems = validateRows(
                central(),
                withRvps(standard("a", "central"), Offices.RVP_1, "laptop-17", Offices.RVP_1),
                withRvps(standard("b", "central"), Offices.RVP_1.toUpperCase(), Offices.RVP_2));

        assertThat(lines(problems)).containsExactly(
                "row 3, column preferred_rvps: preferred RVP \"laptop-17\" of office \"a\" is not a device id: expected a"
                        + " UUID such as 3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b",
                "row 3, column preferred_rvps: preferred RVP " + Offices.RVP_1 + " is listed twice for office \"a\"",
                "row 4, column preferred_rvps: device " + Offices.RVP_1.toUpperCase() + " is a preferred RVP of office"
                        + " \"b\" and of office \"a\" (row 3), but a device is in one office only");
        assertThat(problems).extracting(TopologyProblem::code).containsOnly(Code.INVALID_RVP);
    }

    @Test
    void theServerMustBeInARangeOfTheCentralOffice() {
        OfficeDefinition[] offices = {central("10.0.0.0/16", "2001:db8::/64"), standard("berlin", "central", "10.2.0.0/16")};

        assertThat(new TopologyValidator("10.0.3.4").validate(List.of(offices))).isEmpty();
        assertThat(new TopologyValidator("2001:db8::5").validate(List.of(offices))).isEmpty();
        assertThat(new TopologyValidator("::ffff:10.0.3.4").validate(List.of(offices))).isEmpty();
        assertThat(lines(new TopologyValidator("10.9.0.1").validate(List.of(offices)))).containsExactly(
                "the server's IP 10.9.0.1 is in none of the ranges of the central office \"central\" (10.0.0.0/16;"
                        + " 2001:db8::/64): the server must be in a subnet of the central office");
        assertThat(lines(new TopologyValidator("10.2.0.7").validate(List.of(offices)))).containsExactly(
                "the server's IP 10.2.0.7 is in 10.2.0.0/16 of office \"berlin\", but the server must be in a subnet of"
                        + " the central office \"central\"");
        assertThat(lines(new TopologyValidator("not-an-ip").validate(List.of(offices)))).containsExactly(
                "the server's IP \"not-an-ip\" is not an IPv4 or IPv6 address");
        assertThat(new TopologyValidator("10.9.0.1").validate(List.of(offices)))
                .extracting(TopologyProblem::code).containsExactly(Code.SERVER_OUTSIDE_CENTRAL);
    }

    @Test
    void aCentralOfficeWithoutRangesHoldsTheServerUnlessAnotherOfficeDoes() {
        OfficeDefinition[] offices = {central(), standard("berlin", "central", "10.2.0.0/16")};

        assertThat(new TopologyValidator("10.9.0.1").validate(List.of(offices))).isEmpty();
        assertThat(new TopologyValidator("10.2.0.1").validate(List.of(offices)))
                .extracting(TopologyProblem::code).containsExactly(Code.SERVER_OUTSIDE_CENTRAL);
    }

    @Test
    void reportsAllProblemsAtOnceOrderedByRow() {
        List<TopologyProblem> problems = validateRows(
                central("10.0.0.0/16"),
                standard("a", "nowhere", "10.0.0.0/24"),
                office("b", "", null, "central"),
                standard("c", "c"));

        assertThat(problems).extracting(TopologyProblem::row).containsExactly(2, 3, 4, 4, 5);
        assertThat(problems).extracting(TopologyProblem::code).containsExactly(Code.OVERLAPPING_RANGES,
                Code.UNKNOWN_PARENT, Code.INVALID_NAME, Code.MISSING_TYPE, Code.PARENT_CYCLE);
    }

    @Test
    void anOfficeWithNothingFilledInGivesProblemsNotAnException() {
        List<TopologyProblem> problems = validate(central(),
                new OfficeDefinition(null, null, null, "central", null, null, false, false));

        assertThat(lines(problems)).containsExactly(
                "office id is empty",
                "an office without id has an empty name",
                "an office without id has no type: expected Standard, VPN or Wi-Fi");
        assertThat(problems).allMatch(problem -> problem.officeIds().isEmpty());
    }

    @Test
    void aWideRangeOverManyOthersGivesOneProblemPerRangeNotOnePerPair() {
        List<OfficeDefinition> offices = new ArrayList<>();
        offices.add(central("10.0.0.0/8"));
        for (int i = 0; i < 1000; i++) {
            offices.add(standard("o" + i, "central", "10.1." + (i / 4) + "." + (i % 4 * 64) + "/26"));
        }

        List<TopologyProblem> problems = new TopologyValidator().validate(offices);

        assertThat(problems).hasSize(1000).extracting(TopologyProblem::code).containsOnly(Code.OVERLAPPING_RANGES);
        assertThat(problems).allMatch(problem -> problem.officeIds().get(0).equals("central"));
    }

    @Test
    void aGeneratedTopologyOfTenThousandOfficesIsValidAndOneInjectedOverlapIsFound() {
        Topology big = new TopologyGenerator(7).generate(10_000, 100_000);
        List<OfficeDefinition> offices = new ArrayList<>(big.offices());
        OfficeDefinition victim = offices.get(5000);
        SubnetRange stolen = offices.get(9000).ranges().get(0);
        offices.set(5000, victim.withRanges(java.util.stream.Stream.concat(victim.ranges().stream(),
                java.util.stream.Stream.of(stolen)).toList()));

        assertThat(new TopologyValidator(TopologyGenerator.SERVER_IP).validate(big.offices())).isEmpty();
        List<TopologyProblem> problems = new TopologyValidator().validate(offices);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).officeIds()).containsExactlyInAnyOrder(victim.id(), offices.get(9000).id());
    }
}
