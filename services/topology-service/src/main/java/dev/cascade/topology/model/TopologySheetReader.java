package dev.cascade.topology.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * Reads a topology spreadsheet (CSV or XLSX, same columns; see docs/topology-format.md) into a
 * validated {@link Topology}, or into the complete list of problems, each with its row and column.
 * Columns are found by their header, in any order; an unknown or missing required column is a
 * problem. Blank rows are skipped. Thread-safe.
 */
public final class TopologySheetReader {

    private final SheetLimits limits;
    private final TopologyValidator validator;

    /** Default limits, no server address to check. */
    public TopologySheetReader() {
        this(SheetLimits.DEFAULT, null);
    }

    /** @param serverIp the server's address, checked to lie in the central office; null to skip that check */
    public TopologySheetReader(SheetLimits limits, String serverIp) {
        this.limits = limits;
        this.validator = new TopologyValidator(serverIp);
    }

    /**
     * Reads a sheet whose format is told by its first bytes ({@link SheetFormat#detect}).
     *
     * @throws IOException only when {@code in} itself fails; anything wrong with the content is a problem
     */
    public SheetImport read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        return bytes.length > limits.maxBytes() ? tooLarge() : read(bytes, SheetFormat.detect(bytes));
    }

    /** @throws IOException only when {@code in} itself fails */
    public SheetImport read(InputStream in, SheetFormat format) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        return bytes.length > limits.maxBytes() ? tooLarge() : read(bytes, format);
    }

    public SheetImport read(byte[] bytes, SheetFormat format) {
        if (bytes.length > limits.maxBytes()) {
            return tooLarge();
        }
        SheetTable table;
        try {
            table = format == SheetFormat.XLSX ? XlsxSheet.read(bytes, limits) : CsvSheet.read(bytes, limits);
        } catch (UnreadableSheetException e) {
            return SheetImport.failed(List.of(e.problem()));
        }
        return read(table);
    }

    private SheetImport tooLarge() {
        return SheetImport.failed(List.of(new TopologyProblem(null, null, List.of(), "the file is larger than "
                + limits.maxBytes() / (1 << 20) + " MiB: a topology sheet of 10 000 offices is a few MiB", Code.TOO_LARGE)));
    }

    private SheetImport read(SheetTable table) {
        List<TopologyProblem> problems = new ArrayList<>(table.problems());
        Map<SheetColumn, Integer> columns = columns(table, problems);
        if (!problems.isEmpty()) {
            return SheetImport.failed(sorted(problems)); // without its columns, no row can be read
        }
        List<LocatedOffice> offices = new ArrayList<>();
        Set<Integer> badTypeRows = new HashSet<>();
        for (SheetTable.Row row : table.rows()) {
            Map<SheetColumn, String> cells = new EnumMap<>(SheetColumn.class);
            columns.forEach((column, index) -> cells.put(column, row.cell(index)));
            checkUnnamedCells(table.header(), columns, row, problems);
            int before = problems.size();
            OfficeDefinition office = OfficeRowFormat.parse(cells, row.number(), problems);
            if (problems.subList(before, problems.size()).stream().anyMatch(p -> SheetColumn.TYPE.header().equals(p.column()))) {
                badTypeRows.add(row.number());
            }
            offices.add(new LocatedOffice(office, row.number()));
        }
        for (TopologyProblem problem : validator.validateLocated(offices)) {
            // an unreadable type is reported once, as unreadable, not again as missing
            if (!(problem.code() == Code.MISSING_TYPE && badTypeRows.contains(problem.row()))) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            return SheetImport.failed(sorted(problems));
        }
        Map<String, Integer> rows = new HashMap<>();
        offices.forEach(located -> rows.put(located.office().id(), located.row()));
        return SheetImport.of(Topology.validated(offices.stream().map(LocatedOffice::office).toList()), rows);
    }

    /** Maps each known column to its index; unknown, repeated and missing columns are problems. */
    private static Map<SheetColumn, Integer> columns(SheetTable table, List<TopologyProblem> problems) {
        Map<SheetColumn, Integer> columns = new EnumMap<>(SheetColumn.class);
        List<String> header = table.header();
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i).strip();
            if (text.isEmpty()) {
                continue; // a column without header is fine as long as it stays empty
            }
            String where = "column " + SheetTable.columnLetter(i);
            SheetColumn column = SheetColumn.byHeader(text).orElse(null);
            if (column == null) {
                problems.add(new TopologyProblem(table.headerRow(), text, List.of(), where + " has the header \"" + text
                        + "\", which is not a topology column: expected " + SheetColumn.allHeaders(), Code.UNKNOWN_COLUMN));
            } else if (columns.containsKey(column)) {
                problems.add(new TopologyProblem(table.headerRow(), column.header(), List.of(), "column " + column.header()
                        + " appears twice, in columns " + SheetTable.columnLetter(columns.get(column)) + " and "
                        + SheetTable.columnLetter(i), Code.UNKNOWN_COLUMN));
            } else {
                columns.put(column, i);
            }
        }
        for (SheetColumn column : SheetColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(new TopologyProblem(table.headerRow(), column.header(), List.of(), "the header row has no"
                        + " column " + column.header() + "; the required columns are " + required(), Code.MISSING_COLUMN));
            }
        }
        return columns;
    }

    private static void checkUnnamedCells(List<String> header, Map<SheetColumn, Integer> columns, SheetTable.Row row,
            List<TopologyProblem> problems) {
        for (int i = 0; i < row.cells().size(); i++) {
            boolean named = i < header.size() && !header.get(i).isBlank();
            if (!named && !row.cells().get(i).isBlank()) {
                String column = SheetTable.columnLetter(i);
                problems.add(new TopologyProblem(row.number(), column, List.of(), "column " + column + " has no header,"
                        + " but holds \"" + row.cells().get(i).strip() + "\": give it a header or clear it", Code.INVALID_VALUE));
            }
        }
    }

    private static String required() {
        return Arrays.stream(SheetColumn.values()).filter(SheetColumn::required).map(SheetColumn::header)
                .collect(Collectors.joining(", "));
    }

    private static List<TopologyProblem> sorted(List<TopologyProblem> problems) {
        List<TopologyProblem> result = new ArrayList<>(problems);
        result.sort(ProblemLog.ORDER);
        return result;
    }
}
