package dev.cascade.topology.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a topology as the spreadsheet {@link TopologySheetReader} reads: one row per office in
 * topology order, every column, ranges in the form they were written. Reading the output gives the
 * same topology back, in either format.
 */
public final class TopologySheetWriter {

    private TopologySheetWriter() {
    }

    /**
     * Writes {@code topology} to {@code out}, which stays open.
     *
     * @throws IllegalArgumentException for XLSX, naming the office, when a cell would exceed the
     *                                  32 767 characters Excel allows (export as CSV then)
     */
    public static void write(Topology topology, SheetFormat format, OutputStream out) throws IOException {
        List<String> header = Arrays.stream(SheetColumn.values()).map(SheetColumn::header).toList();
        List<List<Object>> rows = new ArrayList<>(topology.size());
        for (OfficeDefinition office : topology.offices()) {
            Map<SheetColumn, Object> cells = OfficeRowFormat.cells(office);
            List<Object> row = new ArrayList<>(header.size());
            for (SheetColumn column : SheetColumn.values()) {
                Object value = cells.get(column);
                if (format == SheetFormat.XLSX && value instanceof String text && text.length() > XlsxSheet.MAX_CELL_CHARS) {
                    throw new IllegalArgumentException("the " + column.header() + " of office \"" + office.id() + "\" take "
                            + text.length() + " characters, more than the " + XlsxSheet.MAX_CELL_CHARS
                            + " an XLSX cell holds: export the topology as CSV");
                }
                row.add(value);
            }
            rows.add(row);
        }
        if (format == SheetFormat.XLSX) {
            XlsxSheet.write(header, rows, out);
        } else {
            CsvSheet.write(header, rows.stream().map(row -> row.stream().map(String::valueOf).toList()).toList(), out);
        }
    }

    /** The sheet as bytes. */
    public static byte[] toBytes(Topology topology, SheetFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(topology, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
