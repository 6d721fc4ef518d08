package dev.cascade.topology.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * Topology sheets as CSV: RFC 4180 (through FastCSV), UTF-8 with or without a byte-order mark
 * (Excel's "CSV UTF-8" writes one; a UTF-16 mark is honoured too). The separator is found from the
 * header: ',' as the RFC says, ';' as Excel writes in German or Dutch locales, or a tab. Text that
 * is not valid UTF-8 is refused rather than read as garbage. Exports write UTF-8 with a mark and
 * CRLF line ends, which Excel opens with the right characters.
 */
final class CsvSheet {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char[] SEPARATORS = {',', ';', '\t'};

    private CsvSheet() {
    }

    static SheetTable read(byte[] bytes, SheetLimits limits) throws UnreadableSheetException {
        if (XlsxSheet.isZip(bytes)) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE,
                    "the file is a zip archive (an XLSX workbook?), not CSV text: upload it as XLSX");
        }
        String text = decode(bytes);
        char separator = separator(text);
        List<String> header = null;
        int headerRow = 0;
        List<SheetTable.Row> rows = new ArrayList<>();
        int number = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(separator).skipEmptyLines(false)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE).extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                number++; // records, not lines: a quoted line break stays in one row, as a spreadsheet shows it
                if (number > limits.maxRows()) {
                    throw new UnreadableSheetException(Code.TOO_LARGE, "the sheet has more than " + limits.maxRows()
                            + " rows: split the topology or raise the import's row limit");
                }
                SheetTable.Row row = new SheetTable.Row(number, record.getFields());
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
        } catch (CsvParseException e) {
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the CSV text cannot be read after row " + number
                    + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading CSV from memory failed", e); // a String source does no I/O
        }
        if (header == null) {
            throw new UnreadableSheetException(Code.MISSING_HEADER, "the file is empty: expected a header row with the"
                    + " columns " + SheetColumn.allHeaders());
        }
        return new SheetTable(header, headerRow, rows, List.of());
    }

    static void write(List<String> header, List<List<String>> rows, OutputStream out) throws IOException {
        out.write(UTF8_BOM);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(header);
        for (List<String> row : rows) {
            csv.writeRecord(row);
        }
        csv.flush(); // the caller owns the stream: flush, do not close
    }

    /** Decodes by byte-order mark (UTF-8 when none), strictly: a wrong byte names its line. */
    private static String decode(byte[] bytes) throws UnreadableSheetException {
        Charset charset = StandardCharsets.UTF_8;
        int start = 0;
        if (startsWith(bytes, UTF8_BOM)) {
            start = 3;
        } else if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        } else if (startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = start; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new UnreadableSheetException(Code.UNREADABLE_FILE, "the file is not " + charset.displayName()
                    + " text: byte " + (in.position() + 1) + " (line " + line + ") is not a valid character; save the"
                    + " sheet as \"CSV UTF-8\"");
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The separator under which the first non-blank line reads as the most known column headers; ',' on a tie. */
    private static char separator(String text) {
        String headerLine = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
        char best = ',';
        int bestScore = -1;
        for (char candidate : SEPARATORS) {
            int score = 0;
            try {
                for (String field : CsvReader.builder().fieldSeparator(candidate).ofSingleCsvRecord(headerLine).getFields()) {
                    score += SheetColumn.byHeader(field).isPresent() ? 1 : 0;
                }
            } catch (CsvParseException e) {
                continue; // not a header under this separator
            }
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }
}
