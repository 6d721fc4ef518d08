package dev.cascade.topology.model;

import java.util.List;
import java.util.Map;

/**
 * The outcome of reading a topology sheet: a valid topology with the row of each office, or every
 * problem found — never a topology that is partly read.
 *
 * @param topology the topology, null when there are problems
 * @param rows     the sheet row of each office id; empty when there are problems
 * @param problems every problem, ordered by row (problems about the whole file first); empty when valid
 */
public record SheetImport(Topology topology, Map<String, Integer> rows, List<TopologyProblem> problems) {

    public SheetImport {
        rows = Map.copyOf(rows);
        problems = List.copyOf(problems);
        if ((topology == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a sheet import has either a topology or problems");
        }
    }

    static SheetImport of(Topology topology, Map<String, Integer> rows) {
        return new SheetImport(topology, rows, List.of());
    }

    static SheetImport failed(List<TopologyProblem> problems) {
        return new SheetImport(null, Map.of(), problems);
    }

    public boolean valid() {
        return topology != null;
    }
}
