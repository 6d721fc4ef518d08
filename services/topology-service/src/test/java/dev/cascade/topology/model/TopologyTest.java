package dev.cascade.topology.model;

import static dev.cascade.topology.model.Offices.central;
import static dev.cascade.topology.model.Offices.standard;
import static dev.cascade.topology.model.Offices.wifi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.TopologyProblem.Code;

class TopologyTest {

    private final Topology topology = Topology.of(List.of(
            central("10.0.0.0/16"),
            standard("emea", "central", "10.100.0.0/16"),
            standard("berlin", "emea", "10.2.0.0-10.2.4.255"),
            wifi("berlin-wifi", "berlin", "10.2.5.0/24", "2001:db8:5::/48"),
            standard("paris", "emea", "10.3.0.0/16")));

    @Test
    void looksUpOfficesChildrenAndThePathToTheCentralOffice() {
        assertThat(topology.size()).isEqualTo(5);
        assertThat(topology.rangeCount()).isEqualTo(6);
        assertThat(topology.central().id()).isEqualTo("central");
        assertThat(topology.office("paris")).map(OfficeDefinition::name).contains("Office paris");
        assertThat(topology.office("rome")).isEmpty();
        assertThat(topology.children("emea")).extracting(OfficeDefinition::id).containsExactly("berlin", "paris");
        assertThat(topology.children("paris")).isEmpty();
        assertThat(topology.pathToCentral("berlin-wifi")).extracting(OfficeDefinition::id)
                .containsExactly("berlin-wifi", "berlin", "emea", "central");
        assertThat(topology.pathToCentral("central")).extracting(OfficeDefinition::id).containsExactly("central");
        assertThatThrownBy(() -> topology.pathToCentral("rome")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no office with id \"rome\"");
    }

    @Test
    void resolvesAddressesToTheOfficeHoldingThemAndOthersToTheCentralOffice() {
        assertThat(topology.resolver().resolve("10.2.5.9").officeId()).isEqualTo("berlin-wifi");
        assertThat(topology.resolver().resolve("2001:db8:5::1").officeId()).isEqualTo("berlin-wifi");
        assertThat(topology.resolver().resolve("10.2.4.255").officeId()).isEqualTo("berlin");
        assertThat(topology.resolver().resolve("10.2.6.1").officeId()).isEqualTo("central");
        assertThat(topology.resolver().resolve("10.2.4.1").range().label()).isEqualTo("10.2.0.0-10.2.4.255");
        assertThat(topology.resolver()).isSameAs(topology.resolver());
    }

    @Test
    void refusesOfficesThatDoNotMakeATopologyListingEveryProblem() {
        assertThatThrownBy(() -> Topology.of(List.of(standard("a", "b"), standard("b", "a"))))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> assertThat(e.problems())
                        .extracting(TopologyProblem::code).containsExactly(Code.NO_CENTRAL_OFFICE, Code.PARENT_CYCLE))
                .hasMessageStartingWith("invalid topology, 2 problem(s): there is no central office");
    }

    @Test
    void withAddsOrReplacesAnOfficeAndWithoutRemovesOneBothStillValidated() {
        Topology withRome = topology.with(standard("rome", "emea", "10.4.0.0/16"));
        Topology renamed = withRome.with(Offices.office("rome", "Roma", OfficeKind.STANDARD, "emea", "10.4.0.0/16"));

        assertThat(withRome.offices()).extracting(OfficeDefinition::id).endsWith("rome");
        assertThat(renamed.office("rome")).map(OfficeDefinition::name).contains("Roma");
        assertThat(renamed.size()).isEqualTo(6);
        assertThat(renamed.without("rome")).isEqualTo(topology);
        assertThatThrownBy(() -> topology.with(standard("rome", "emea", "10.3.1.0/24")))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> assertThat(e.problems())
                        .extracting(TopologyProblem::code).containsExactly(Code.OVERLAPPING_RANGES));
        assertThatThrownBy(() -> topology.without("emea"))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> assertThat(e.problems())
                        .extracting(TopologyProblem::code).containsExactly(Code.UNKNOWN_PARENT, Code.UNKNOWN_PARENT));
        assertThatThrownBy(() -> topology.without("rome")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aNewInstallationHasTheCentralOfficeAlone() {
        Topology initial = Topology.initial();

        assertThat(initial.offices()).containsExactly(
                OfficeDefinition.of("central", "Central office", OfficeKind.STANDARD, null, List.of()));
        assertThat(initial.resolver().resolve("192.0.2.1").officeId()).isEqualTo("central");
    }

    @Test
    void officeDefinitionsDropSurroundingSpacesAndReadABlankParentAsNone() {
        OfficeDefinition office = new OfficeDefinition(" berlin ", " Berlin ", OfficeKind.STANDARD, "  ", null, null,
                false, false);

        assertThat(office.id()).isEqualTo("berlin");
        assertThat(office.name()).isEqualTo("Berlin");
        assertThat(office.parentId()).isNull();
        assertThat(office.isCentral()).isTrue();
        assertThat(office.ranges()).isEmpty();
        assertThat(office.preferredRvps()).isEmpty();
    }
}
