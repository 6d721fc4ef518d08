package dev.cascade.topology.model;

import java.util.List;
import java.util.stream.Collectors;

/** A set of offices that does not make a topology, with every problem found. */
public final class InvalidTopologyException extends IllegalArgumentException {

    private static final int PROBLEMS_IN_MESSAGE = 20;

    private final List<TopologyProblem> problems;

    public InvalidTopologyException(List<TopologyProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    private static String summary(List<TopologyProblem> problems) {
        String listed = problems.stream().limit(PROBLEMS_IN_MESSAGE).map(TopologyProblem::describe)
                .collect(Collectors.joining("; "));
        int more = problems.size() - PROBLEMS_IN_MESSAGE;
        return "invalid topology, " + problems.size() + " problem(s): " + listed + (more > 0 ? "; and " + more + " more" : "");
    }

    public List<TopologyProblem> problems() {
        return problems;
    }
}
