package dev.cascade.metadata.deployment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The office tree as topology-service last told it (office id → parent id), for office-subtree
 * targets: an office "is within" another when it is that office or one of its sub-offices.
 *
 * @param revision the topology revision it was read at
 */
public record OfficeHierarchy(Map<String, String> parents, Map<String, String> names, long revision) {

    public OfficeHierarchy {
        parents = Map.copyOf(parents);
        names = Map.copyOf(names);
    }

    /** @param parentById office id → parent id ("" or null for the central office) */
    public static OfficeHierarchy of(Map<String, String> parentById, Map<String, String> names, long revision) {
        Map<String, String> parents = new HashMap<>();
        parentById.forEach((office, parent) -> parents.put(office, parent == null ? "" : parent));
        return new OfficeHierarchy(parents, names, revision);
    }

    public boolean contains(String officeId) {
        return officeId != null && parents.containsKey(officeId);
    }

    public String nameOf(String officeId) {
        return names.get(officeId);
    }

    /** Whether {@code officeId} is {@code rootId} or one of its sub-offices (a cycle, which topology-service forbids, ends the walk). */
    public boolean isWithin(String officeId, String rootId) {
        String office = officeId;
        for (int steps = 0; office != null && !office.isEmpty() && steps <= parents.size(); steps++) {
            if (office.equals(rootId)) {
                return true;
            }
            office = parents.get(office);
        }
        return false;
    }

    /** {@code rootId} and every office below it; empty when {@code rootId} is unknown. */
    public Set<String> subtree(String rootId) {
        if (!contains(rootId)) {
            return Set.of();
        }
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((office, parent) -> children.computeIfAbsent(parent, p -> new ArrayList<>()).add(office));
        Set<String> subtree = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(rootId));
        while (!next.isEmpty()) {
            String office = next.pop();
            if (subtree.add(office)) {
                next.addAll(children.getOrDefault(office, List.of()));
            }
        }
        return subtree;
    }
}
