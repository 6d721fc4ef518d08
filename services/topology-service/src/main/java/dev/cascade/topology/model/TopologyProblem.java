package dev.cascade.topology.model;

import java.util.List;

/**
 * One thing wrong with a topology or its spreadsheet. Import reports every problem at once and
 * applies nothing while there is one.
 *
 * @param row       the spreadsheet row (1 = the header row, as a spreadsheet shows it), null when not from a sheet or about the whole file
 * @param column    the column (header name, e.g. "subnets") or field the problem is in, null when about a whole row or file
 * @param officeIds the offices involved, in the order the message names them
 * @param message   what is wrong and, where it helps, what was expected; names offices, ranges and other rows
 * @param code      the kind of problem, for programs and tests
 */
public record TopologyProblem(Integer row, String column, List<String> officeIds, String message, Code code) {

    /** Kinds of problem. */
    public enum Code {
        /** the file cannot be read at all: not CSV/XLSX, damaged, not UTF-8 */
        UNREADABLE_FILE,
        /** the file or sheet is over a size limit */
        TOO_LARGE,
        /** no header row */
        MISSING_HEADER,
        /** a header names no known column, or a column is named twice */
        UNKNOWN_COLUMN,
        /** a required column is missing */
        MISSING_COLUMN,
        /** a cell holds a value its column does not accept (type, boolean, value without header) */
        INVALID_VALUE,
        /** a subnet or range cannot be read */
        MALFORMED_RANGE,
        /** office id empty or not of the id syntax */
        INVALID_ID,
        DUPLICATE_ID,
        /** empty or over-long name */
        INVALID_NAME,
        DUPLICATE_NAME,
        MISSING_TYPE,
        /** no office without parent */
        NO_CENTRAL_OFFICE,
        /** more than one office without parent */
        SEVERAL_CENTRAL_OFFICES,
        CENTRAL_OFFICE_NOT_STANDARD,
        UNKNOWN_PARENT,
        PARENT_CYCLE,
        /** ranges of two offices share addresses */
        OVERLAPPING_RANGES,
        /** ranges of one office share addresses */
        OVERLAPPING_OWN_RANGES,
        /** an RVP that is not a device id, listed twice, or in two offices */
        INVALID_RVP,
        /** the server's IP is not in the central office, or not an address */
        SERVER_OUTSIDE_CENTRAL
    }

    public TopologyProblem {
        officeIds = officeIds == null ? List.of() : List.copyOf(officeIds);
    }

    /** The problem as one line: "row 14, column subnets: ..." when it has a row. */
    public String describe() {
        if (row == null) {
            return message;
        }
        return "row " + row + (column == null ? "" : ", column " + column) + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
