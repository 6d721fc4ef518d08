package dev.cascade.metadata.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OfficeHierarchyTest {

    private static OfficeHierarchy hierarchy() {
        Map<String, String> parents = new HashMap<>();
        parents.put("hq", null);
        parents.put("ams", "hq");
        parents.put("ams-wifi", "ams");
        parents.put("rtm", "hq");
        return OfficeHierarchy.of(parents, Map.of("hq", "Head office"), 7);
    }

    @Test
    void aSubtreeIsTheOfficeAndEveryOfficeBelowIt() {
        assertThat(hierarchy().subtree("ams")).containsExactlyInAnyOrder("ams", "ams-wifi");
        assertThat(hierarchy().subtree("hq")).containsExactlyInAnyOrder("hq", "ams", "ams-wifi", "rtm");
        assertThat(hierarchy().subtree("ams-wifi")).containsExactly("ams-wifi");
        assertThat(hierarchy().subtree("nowhere")).isEmpty();
    }

    @Test
    void anOfficeIsWithinItselfAndItsAncestorsOnly() {
        assertThat(hierarchy().isWithin("ams-wifi", "ams")).isTrue();
        assertThat(hierarchy().isWithin("ams-wifi", "hq")).isTrue();
        assertThat(hierarchy().isWithin("ams", "ams")).isTrue();
        assertThat(hierarchy().isWithin("rtm", "ams")).isFalse();
        assertThat(hierarchy().isWithin("ams", "ams-wifi")).isFalse();
        assertThat(hierarchy().isWithin("unknown", "hq")).isFalse();
        assertThat(hierarchy().contains("rtm")).isTrue();
        assertThat(hierarchy().revision()).isEqualTo(7);
    }

    @Test
    void aCycleEndsTheWalkInsteadOfLoopingForever() {
        OfficeHierarchy cyclic = OfficeHierarchy.of(Map.of("a", "b", "b", "a"), Map.of(), 1);
        assertThat(cyclic.isWithin("a", "c")).isFalse();
        assertThat(cyclic.subtree("a")).containsExactlyInAnyOrder("a", "b");
    }
}
