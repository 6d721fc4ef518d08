package dev.cascade.topology.model;

import java.util.List;

/**
 * The cells of a sheet as text, before they mean anything: what a CSV or XLSX file holds. Blank
 * rows are kept out; rows keep the number a spreadsheet shows them under.
 *
 * @param headerRow the number of the header row (the first non-blank row)
 * @param problems  problems with single cells found while reading (e.g. an XLSX error value such as #REF!)
 */
record SheetTable(List<String> header, int headerRow, List<Row> rows, List<TopologyProblem> problems) {

    SheetTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** A row after the header; {@code cells} may be shorter or longer than the header. */
    record Row(int number, List<String> cells) {

        Row {
            cells = List.copyOf(cells);
        }

        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    /** Spreadsheet letters of a 0-based column index: 0 is A, 26 is AA. */
    static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }
}
