package dev.cascade.topology.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.cascade.topology.model.TopologyProblem.Code;

/** Collects problems about located offices, giving each the row of the office it is about. */
final class ProblemLog {

    /**
     * Problems about the whole file or topology first, then by row, within a row left to right by
     * column (the order of {@link SheetColumn}, other columns after), otherwise in the order found.
     */
    static final Comparator<TopologyProblem> ORDER = Comparator.comparing(TopologyProblem::row,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingInt(ProblemLog::columnRank);

    private final List<LocatedOffice> offices;
    private final List<TopologyProblem> problems = new ArrayList<>();

    ProblemLog(List<LocatedOffice> offices) {
        this.offices = offices;
    }

    /** A problem located at the row of office number {@code index}, naming {@code officeIds} (empty ids left out). */
    void add(int index, SheetColumn column, Code code, String message, String... officeIds) {
        problems.add(new TopologyProblem(offices.get(index).row(), column == null ? null : column.header(),
                Arrays.stream(officeIds).filter(id -> id != null && !id.isBlank()).toList(), message, code));
    }

    /** A problem about the topology as a whole. */
    void add(SheetColumn column, Code code, String message, List<String> officeIds) {
        problems.add(new TopologyProblem(null, column == null ? null : column.header(), officeIds, message, code));
    }

    /** " (row 15)" for office number {@code index}, or nothing when it has no row. */
    String rowOf(int index) {
        Integer row = offices.get(index).row();
        return row == null ? "" : " (row " + row + ")";
    }

    /** Problems ordered by row, those without a row first, otherwise in the order found. */
    List<TopologyProblem> sorted() {
        List<TopologyProblem> result = new ArrayList<>(problems);
        result.sort(ORDER);
        return List.copyOf(result);
    }

    private static int columnRank(TopologyProblem problem) {
        return problem.column() == null ? -1
                : SheetColumn.byHeader(problem.column()).map(Enum::ordinal).orElse(SheetColumn.values().length);
    }

    /** How a message names an office: office "berlin". */
    static String office(String id) {
        return id == null || id.isBlank() ? "an office without id" : "office \"" + id + "\"";
    }
}
