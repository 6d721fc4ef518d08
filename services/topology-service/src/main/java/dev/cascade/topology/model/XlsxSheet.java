package dev.cascade.topology.model;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * Topology sheets as XLSX: the first sheet of the workbook, its first non-blank row the header.
 * Written with FastExcel, read with FastExcel Reader (both stream; no Apache POI). Numbers and
 * booleans in typed cells read as their text ("1001", "true"). Before parsing, the archive is
 * unpacked once to count its size (zip bombs) and to find damage, so a bad file yields one clear
 * problem instead of a parser's stack trace.
 */
final class XlsxSheet {

    /** Excel refuses longer cell text. */
    static final int MAX_CELL_CHARS = 32_767;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private XlsxSheet() {
    }

    static boolean isZip(byte[] bytes) {
        return startsWith(bytes, ZIP_MAGIC);
    }

    /** A binary .xls workbook, or an encrypted (password-protected) .xlsx, which is wrapped the same way. */
    static boolean isOldExcel(byte[] bytes) {
        return startsWith(bytes, OLE2_MAGIC);
    }

    static SheetTable read(byte[] bytes, SheetLimits limits) throws UnreadableSheetException {
        checkArchive(bytes, limits);
        List<String> header = null;
        int headerRow = 0;
        List<SheetTable.Row> rows = new ArrayList<>();
        List<TopologyProblem> problems = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes));
                Stream<Row> sheetRows = firstSheet(workbook).openStream()) {
            for (Row sheetRow : (Iterable<Row>) sheetRows::iterator) {
                int number = sheetRow.getRowNum();
                if (number > limits.maxRows()) {
                    throw new UnreadableSheetException(Code.TOO_LARGE, "the sheet has more than " + limits.maxRows()
                            + " rows: split the topology or raise the import's row limit");
                }
                SheetTable.Row row = new SheetTable.Row(number, cells(sheetRow, header, problems));
                if (row.isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = row.cells();
                    headerRow = number;
                } else {
                    rows.add(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a third-party parser reading untrusted bytes: whatever it throws, the file is the cause
            throw damaged(e);
        }
        if (header == null) {
            throw new UnreadableSheetException(Code.MISSING_HEADER, "the first sheet of the workbook is empty: expected"
                    + " a header row with the columns " + SheetColumn.allHeaders());
        }
        return new SheetTable(header, headerRow, rows, problems);
    }

    private static Sheet firstSheet(ReadableWorkbook workbook) throws UnreadableSheetException {
        return workbook.getSheets().findFirst().orElseThrow(() -> new UnreadableSheetException(Code.UNREADABLE_FILE,
                "the XLSX workbook has no sheet"));
    }

    private static UnreadableSheetException damaged(Exception e) {
        return new UnreadableSheetException(Code.UNREADABLE_FILE, "the XLSX file is damaged or not a workbook Excel"
                + " writes: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** The text of each cell; an error value such as #REF! adds a problem (its column named from the header). */
    private static List<String> cells(Row row, List<String> header, List<TopologyProblem> problems) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            String text = cell == null ? "" : text(cell);
            if (cell != null && cell.getType() == org.dhatim.fastexcel.reader.CellType.ERROR) {
                String column = header != null && i < header.size() && !header.get(i).isBlank() ? header.get(i).strip()
                        : SheetTable.columnLetter(i);
                problems.add(new TopologyProblem(row.getRowNum(), column, List.of(), "the cell holds the error value "
                        + text + " instead of a value", Code.INVALID_VALUE));
            }
            cells.add(text);
        }
        return cells;
    }

    private static String text(Cell cell) {
        return switch (cell.getType()) {
            case STRING -> cell.asString();
            case NUMBER -> cell.asNumber().stripTrailingZeros().toPlainString();
            case BOOLEAN -> cell.asBoolean().toString();
            case FORMULA, ERROR -> cell.getRawValue() == null ? "" : cell.getRawValue(); // the cached result
            case EMPTY -> "";
        };
    }

    /** Unpacks the archive once without keeping it: size limit, damage, and whether it is a workbook at all. */
    private static void checkArchive(byte[] bytes, SheetLimits limits) throws UnreadableSheetException {
        if (isOldExcel(bytes)) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the file is an old binary Excel workbook (.xls) or"
                    + " a password-protected one: save it as an unprotected Excel Workbook (.xlsx) or as CSV UTF-8");
        }
        if (!isZip(bytes)) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the file is not an XLSX workbook: an XLSX file is"
                    + " a zip archive, and this one does not start like one");
        }
        boolean workbook = false;
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        // the central directory, as Excel and FastExcel Reader read it (a local-header stream reader
        // refuses the data descriptors that FastExcel itself writes)
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                workbook |= entry.getName().equals("xl/workbook.xml");
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        unpacked += n;
                        if (unpacked > limits.maxUnpackedXlsxBytes()) {
                            throw new UnreadableSheetException(Code.TOO_LARGE, "the XLSX file unpacks to more than "
                                    + limits.maxUnpackedXlsxBytes() / (1 << 20) + " MiB: it is not a plain topology sheet");
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the XLSX file is truncated or damaged: its zip"
                    + " archive cannot be unpacked (" + e.getMessage() + ")");
        }
        if (!workbook) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the file is a zip archive but not an XLSX"
                    + " workbook: it holds no xl/workbook.xml");
        }
    }

    /** Writes one sheet "Topology": a bold, frozen header row, then one row per office. */
    static void write(List<String> header, List<List<Object>> rows, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(new KeepOpen(out), "Cascade", "1.0");
        Worksheet sheet = workbook.newWorksheet("Topology");
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                if (value instanceof Boolean flag) {
                    sheet.value(r + 1, c, flag);
                } else if (value != null && !value.toString().isEmpty()) {
                    sheet.value(r + 1, c, value.toString()); // always text: an id "1001" must stay "1001"
                }
            }
        }
        workbook.finish();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The workbook closes its stream when it finishes; the caller owns the stream, so only flush it. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
