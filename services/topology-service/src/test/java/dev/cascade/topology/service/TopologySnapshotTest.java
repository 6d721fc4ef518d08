package dev.cascade.topology.service;

import dev.cascade.topology.model.OfficeKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.service.OfficeView.RangeView;

class TopologySnapshotTest {

    private static OfficeView office(String id, String parent, RangeView... ranges) {
        return new OfficeView(id, "Office " + id, OfficeKind.STANDARD, parent, parent == null, false, false, List.of(ranges),
                List.of());
    }

    @Test
    void thePathRunsFromTheOfficeToTheCentralOffice() {
        TopologySnapshot snapshot = new TopologySnapshot(7, List.of(office("hq", null), office("eu", "hq"),
                office("ams", "eu"), office("ams-wifi", "ams")));

        assertThat(snapshot.path("ams-wifi").orElseThrow()).extracting(OfficeView::officeId)
                .containsExactly("ams-wifi", "ams", "eu", "hq");
        assertThat(snapshot.path("hq").orElseThrow()).extracting(OfficeView::officeId).containsExactly("hq");
        assertThat(snapshot.path("nowhere")).isEmpty();
        assertThat(snapshot.revision()).isEqualTo(7);
    }

    @Test
    void officesAreOrderedByIdAndTheirRangesResolve() {
        TopologySnapshot snapshot = new TopologySnapshot(1, List.of(office("hq", null),
                office("b", "hq", new RangeView("10.2.0.0", "10.2.255.255", "10.2.0.0/16")),
                office("a", "hq", new RangeView("10.1.0.10", "10.1.0.20", null))));

        assertThat(snapshot.offices()).extracting(OfficeView::officeId).containsExactly("a", "b", "hq");
        assertThat(snapshot.resolver().resolve("10.1.0.15").officeId()).isEqualTo("a");
        assertThat(snapshot.resolver().resolve("10.2.3.4").officeId()).isEqualTo("b");
        assertThat(snapshot.resolver().resolve("10.3.0.1").officeId()).isEqualTo("hq");
        assertThat(snapshot.office("a").orElseThrow().ranges().get(0).text()).isEqualTo("10.1.0.10-10.1.0.20");
        assertThat(snapshot.office("b").orElseThrow().ranges().get(0).text()).isEqualTo("10.2.0.0/16");
    }

    @Test
    void aCycleOrAMissingParentIsNamedInsteadOfLoopingForever() {
        TopologySnapshot cycle = new TopologySnapshot(1, List.of(office("hq", null), office("a", "b"), office("b", "a")));
        assertThatThrownBy(() -> cycle.path("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");

        TopologySnapshot orphan = new TopologySnapshot(1, List.of(office("hq", null), office("a", "gone")));
        assertThatThrownBy(() -> orphan.path("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gone");
    }

    @Test
    void exactlyOneCentralOfficeIsRequired() {
        assertThatThrownBy(() -> new TopologySnapshot(1, List.of(office("a", "b"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one central office");
        assertThatThrownBy(() -> new TopologySnapshot(1, List.of(office("hq", null), office("hq2", null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hq").hasMessageContaining("hq2");
    }
}
