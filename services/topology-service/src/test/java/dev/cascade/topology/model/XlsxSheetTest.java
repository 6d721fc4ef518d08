package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.TopologyProblem.Code;

class XlsxSheetTest {

    private static SheetImport read(byte[] bytes) {
        return new TopologySheetReader().read(bytes, SheetFormat.XLSX);
    }

    private static List<String> problems(SheetImport result) {
        return result.problems().stream().map(TopologyProblem::describe).toList();
    }

    /** A workbook as an admin's Excel might hold it: numbers and booleans in typed cells. */
    private static byte[] typedWorkbook() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Offices");
        String[] header = {"office_id", "name", "type", "parent_id", "subnets", "metered", "allow_direct_cdn"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
        }
        sheet.value(1, 0, 1000);                 // a numeric id
        sheet.value(1, 1, "Central office");
        sheet.value(1, 2, "Standard");
        sheet.value(1, 4, "10.0.0.0/16");
        sheet.value(1, 5, false);
        // row 3 left blank on purpose: rows below keep the numbers Excel shows
        sheet.value(3, 0, 1001);
        sheet.value(3, 1, 2024.5);               // a number as a name
        sheet.value(3, 2, "wi-fi");
        sheet.value(3, 3, 1000);
        sheet.value(3, 4, "10.1.0.0/16\n2001:db8:1::/48");
        sheet.value(3, 5, true);
        sheet.value(3, 6, 1);
        sheet.value(4, 0, "lab");
        sheet.value(4, 1, "Lab");
        sheet.value(4, 2, "Standard");
        sheet.value(4, 3, 1001);
        sheet.value(4, 4, "10.1.2.0/24");
        workbook.finish();
        return out.toByteArray();
    }

    @Test
    void readsTypedNumberAndBooleanCellsAsTheirText() throws IOException {
        byte[] workbook = typedWorkbook();
        SheetImport result = read(workbook);

        // the overlap names the rows Excel shows: the blank row 3 counts
        assertThat(problems(result)).containsExactly("row 4, column subnets: 10.1.0.0/16 of office \"1001\" overlaps"
                + " 10.1.2.0/24 of office \"lab\" (row 5)");
    }

    @Test
    void readsATypedWorkbookIntoTheSameOfficesAsText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Offices");
        Object[][] rows = {
            {"office_id", "name", "type", "parent_id", "subnets", "metered", "allow_direct_cdn"},
            {1000, "Central office", "Standard", null, "10.0.0.0/16", false, null},
            {1001, 2024.5, "wi-fi", 1000, "10.1.0.0/16\n2001:db8:1::/48", true, 1},
        };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                if (value instanceof String text) {
                    sheet.value(r, c, text);
                } else if (value instanceof Number number) {
                    sheet.value(r, c, number);
                } else if (value instanceof Boolean flag) {
                    sheet.value(r, c, flag);
                }
            }
        }
        workbook.finish();

        SheetImport result = read(out.toByteArray());

        assertThat(problems(result)).isEmpty();
        assertThat(result.rows()).containsEntry("1000", 2).containsEntry("1001", 3);
        assertThat(result.topology().office("1001").orElseThrow()).isEqualTo(new OfficeDefinition("1001", "2024.5",
                OfficeKind.WIFI, "1000", List.of(SubnetRange.parse("10.1.0.0/16"), SubnetRange.parse("2001:db8:1::/48")),
                List.of(), true, true));
    }

    @Test
    void aCellHoldingAnErrorValueIsAProblemNamingItsRowAndColumn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Offices");
        String[] header = {"office_id", "name", "type", "parent_id", "subnets"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
        }
        sheet.value(1, 0, "central");
        sheet.value(1, 1, 12345); // replaced below by #REF!, which FastExcel cannot write
        sheet.value(1, 2, "Standard");
        workbook.finish();
        byte[] withError = replaceInSheet(out.toByteArray(), "<c r=\"B2\"[^>]*><v>12345</v></c>",
                "<c r=\"B2\" t=\"e\"><v>#REF!</v></c>");

        SheetImport result = read(withError);

        assertThat(problems(result)).containsExactly(
                "row 2, column name: the cell holds the error value #REF! instead of a value");
    }

    /** The workbook with one regex replacement in its first sheet's XML. */
    private static byte[] replaceInSheet(byte[] xlsx, String regex, String replacement) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.zip.ZipFile in = org.apache.commons.compress.archivers.zip.ZipFile
                .builder().setByteArray(xlsx).get(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : java.util.Collections.list(in.getEntries())) {
                byte[] content = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    String replaced = xml.replaceFirst(regex, replacement);
                    assertThat(replaced).as("sheet XML changed").isNotEqualTo(xml);
                    content = replaced.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aFileThatIsNotAZipArchiveIsOneClearProblem() {
        SheetImport result = read("office_id,name\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(problems(result)).containsExactly("the file is not an XLSX workbook: an XLSX file is a zip archive,"
                + " and this one does not start like one");
    }

    @Test
    void anOldBinaryExcelFileIsNamedForWhatItIs() {
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0};

        assertThat(SheetFormat.detect(xls)).isEqualTo(SheetFormat.XLSX);
        assertThat(problems(read(xls))).containsExactly("the file is an old binary Excel workbook (.xls) or a"
                + " password-protected one: save it as an unprotected Excel Workbook (.xlsx) or as CSV UTF-8");
    }

    @Test
    void aZipArchiveWithoutWorkbookIsOneClearProblem() throws IOException {
        byte[] zip = zip("docs/readme.txt", "not a workbook");

        assertThat(problems(read(zip))).containsExactly(
                "the file is a zip archive but not an XLSX workbook: it holds no xl/workbook.xml");
    }

    @Test
    void aTruncatedWorkbookIsOneClearProblem() throws IOException {
        byte[] whole = typedWorkbook();
        for (int length : new int[] {whole.length / 2, whole.length - 10, 30}) {
            SheetImport result = read(Arrays.copyOf(whole, length));

            assertThat(result.problems()).hasSize(1);
            assertThat(result.problems().get(0).code()).isEqualTo(Code.UNREADABLE_FILE);
            assertThat(result.problems().get(0).message()).startsWith("the XLSX file is truncated or damaged: ");
        }
    }

    @Test
    void aWorkbookWithDamagedXmlIsOneClearProblem() throws IOException {
        byte[] zip = zip("xl/workbook.xml", "<workbook><sheets><sheet name=");

        SheetImport result = read(zip);

        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).code()).isEqualTo(Code.UNREADABLE_FILE);
        assertThat(result.problems().get(0).message()).startsWith("the XLSX file is damaged or not a workbook Excel writes: ");
    }

    @Test
    void aWorkbookUnpackingBeyondTheLimitIsRefused() throws IOException {
        TopologySheetReader reader = new TopologySheetReader(new SheetLimits(1 << 20, 100, 1 << 20), null);
        byte[] bomb = zip("xl/workbook.xml", " ".repeat(2 << 20)); // 2 MiB of spaces pack into a few KiB

        SheetImport result = reader.read(bomb, SheetFormat.XLSX);

        assertThat(bomb.length).isLessThan(20_000);
        assertThat(problems(result)).containsExactly(
                "the XLSX file unpacks to more than 1 MiB: it is not a plain topology sheet");
    }

    @Test
    void anEmptyFirstSheetIsReported() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Test", "1.0");
        workbook.newWorksheet("Empty");
        workbook.finish();

        assertThat(read(out.toByteArray()).problems()).extracting(TopologyProblem::code)
                .containsExactly(Code.MISSING_HEADER);
    }

    @Test
    void refusesToExportACellExcelCannotHold() {
        List<SubnetRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ranges.add(SubnetRange.parse("2001:db8:" + Integer.toHexString(i) + ":1234:5678::/80"));
        }
        Topology topology = Topology.of(List.of(OfficeDefinition.of("central", "Central office", OfficeKind.STANDARD,
                null, ranges)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TopologySheetWriter.toBytes(topology, SheetFormat.XLSX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the subnets of office \"central\" take")
                .hasMessageEndingWith("more than the 32767 an XLSX cell holds: export the topology as CSV");
        assertThat(new TopologySheetReader().read(TopologySheetWriter.toBytes(topology, SheetFormat.CSV), SheetFormat.CSV)
                .topology()).isEqualTo(topology);
    }

    private static byte[] zip(String entry, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
