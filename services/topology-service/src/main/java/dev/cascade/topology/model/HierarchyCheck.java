package dev.cascade.topology.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * The office hierarchy must be a tree under exactly one central office: every parent exists, no
 * office is its own ancestor, exactly one office has no parent. Linear in the number of offices.
 */
final class HierarchyCheck {

    private static final int UNSEEN = 0;
    private static final int ON_PATH = 1;
    private static final int DONE = 2;

    private HierarchyCheck() {
    }

    static void check(List<LocatedOffice> offices, ProblemLog log) {
        Map<String, Integer> byId = new HashMap<>();
        Map<String, String> byLowerCaseId = new HashMap<>();
        for (int i = 0; i < offices.size(); i++) {
            String id = offices.get(i).office().id();
            if (id != null) {
                byId.putIfAbsent(id, i);
                byLowerCaseId.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
            }
        }
        checkCentral(offices, log);
        int[] parent = parents(offices, byId, byLowerCaseId, log);
        checkCycles(offices, parent, log);
    }

    private static void checkCentral(List<LocatedOffice> offices, ProblemLog log) {
        List<Integer> centrals = new ArrayList<>();
        for (int i = 0; i < offices.size(); i++) {
            if (offices.get(i).office().isCentral()) {
                centrals.add(i);
            }
        }
        if (centrals.isEmpty()) {
            log.add(SheetColumn.PARENT_ID, Code.NO_CENTRAL_OFFICE, "there is no central office: exactly one office"
                    + " must have an empty parent_id (the top of the hierarchy, where the server is)", List.of());
            return;
        }
        int central = centrals.get(0);
        String centralId = offices.get(central).office().id();
        for (int extra : centrals.subList(1, centrals.size())) {
            String id = offices.get(extra).office().id();
            log.add(extra, SheetColumn.PARENT_ID, Code.SEVERAL_CENTRAL_OFFICES, ProblemLog.office(id)
                    + " has no parent_id, but " + ProblemLog.office(centralId) + log.rowOf(central)
                    + " is already the central office: only one office may be without a parent", id, centralId);
        }
        OfficeKind type = offices.get(central).office().type();
        if (centrals.size() == 1 && type != null && type != OfficeKind.STANDARD) {
            // content enters at the central office and must spread over its LAN and on down the tree
            log.add(central, SheetColumn.TYPE, Code.CENTRAL_OFFICE_NOT_STANDARD, "the central office \""
                    + centralId + "\" is of type " + OfficeRowFormat.typeName(type)
                    + ", but must be Standard: content enters there and spreads over its wired LAN", centralId);
        }
    }

    /** The index of each office's parent; -1 for the central office or an unknown parent (reported). */
    private static int[] parents(List<LocatedOffice> offices, Map<String, Integer> byId,
            Map<String, String> byLowerCaseId, ProblemLog log) {
        int[] parent = new int[offices.size()];
        for (int i = 0; i < offices.size(); i++) {
            OfficeDefinition office = offices.get(i).office();
            parent[i] = -1;
            if (office.isCentral()) {
                continue;
            }
            Integer index = byId.get(office.parentId());
            if (index != null) {
                parent[i] = index;
                continue;
            }
            String sameButCase = byLowerCaseId.get(office.parentId().toLowerCase(Locale.ROOT));
            log.add(i, SheetColumn.PARENT_ID, Code.UNKNOWN_PARENT, "parent_id \"" + office.parentId() + "\" of "
                    + ProblemLog.office(office.id()) + " names no office"
                    + (sameButCase == null ? "" : " (ids are case-sensitive here: did you mean \"" + sameButCase + "\"?)"),
                    office.id());
        }
        return parent;
    }

    /** Follows parent links from every office once; a link back onto the current path closes a cycle. */
    private static void checkCycles(List<LocatedOffice> offices, int[] parent, ProblemLog log) {
        int[] state = new int[offices.size()];
        List<Integer> path = new ArrayList<>();
        for (int start = 0; start < offices.size(); start++) {
            path.clear();
            int current = start;
            while (current >= 0 && state[current] == UNSEEN) {
                state[current] = ON_PATH;
                path.add(current);
                current = parent[current];
            }
            if (current >= 0 && state[current] == ON_PATH) {
                reportCycle(offices, path.subList(path.indexOf(current), path.size()), log);
            }
            for (int index : path) {
                state[index] = DONE;
            }
        }
    }

    private static void reportCycle(List<LocatedOffice> offices, List<Integer> cycle, ProblemLog log) {
        int first = cycle.get(0);
        String firstId = offices.get(first).office().id();
        if (cycle.size() == 1) {
            log.add(first, SheetColumn.PARENT_ID, Code.PARENT_CYCLE, ProblemLog.office(firstId)
                    + " is its own parent: every office must lead up to the central office", firstId);
            return;
        }
        String chain = cycle.stream().map(i -> "\"" + offices.get(i).office().id() + "\"" + log.rowOf(i))
                .collect(Collectors.joining(" -> "));
        List<String> ids = cycle.stream().map(i -> offices.get(i).office().id()).toList();
        log.add(first, SheetColumn.PARENT_ID, Code.PARENT_CYCLE, "offices " + chain + " -> \"" + firstId
                + "\" form a cycle of parents: every office must lead up to the central office",
                ids.toArray(String[]::new));
    }
}
