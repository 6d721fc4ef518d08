package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.TopologyProblem.Code;

class CsvSheetTest {

    private static final String HEADER = "office_id,name,type,parent_id,subnets,preferred_rvps,metered,allow_direct_cdn\r\n";

    private static SheetImport read(String csv) {
        return new TopologySheetReader().read(csv.getBytes(StandardCharsets.UTF_8), SheetFormat.CSV);
    }

    private static List<String> problems(SheetImport result) {
        return result.problems().stream().map(TopologyProblem::describe).toList();
    }

    @Test
    void readsEveryColumnAndTheRowOfEachOffice() {
        SheetImport result = read(HEADER
                + "central,Central office,Standard,,10.0.0.0/16,,false,false\r\n"
                + "berlin,Berlin,standard,central,10.2.0.0-10.2.4.255;10.2.6.0/23 2001:db8:2::/48,"
                + Offices.RVP_1.toUpperCase() + ";" + Offices.RVP_2 + ",yes,NO\r\n"
                + "berlin-wifi,Berlin Wi-Fi,WiFi,berlin,\"10.2.5.0/24, 10.2.5.0 - 10.2.5.0\",,1,0\r\n");

        assertThat(problems(result)).containsExactly(
                "row 4, column subnets: 10.2.5.0/24 of office \"berlin-wifi\" overlaps its own range 10.2.5.0-10.2.5.0");
        SheetImport fixed = read(HEADER
                + "central,Central office,Standard,,10.0.0.0/16,,false,false\r\n"
                + "berlin,Berlin,standard,central,10.2.0.0-10.2.4.255;10.2.6.0/23 2001:db8:2::/48,"
                + Offices.RVP_1.toUpperCase() + ";" + Offices.RVP_2 + ",yes,NO\r\n"
                + "berlin-wifi,Berlin Wi-Fi,WIFI,berlin,\"10.2.5.0/24,\n10.3.0.1 - 10.3.0.9\",,1,0\r\n");
        assertThat(fixed.valid()).isTrue();
        assertThat(fixed.rows()).containsEntry("central", 2).containsEntry("berlin", 3).containsEntry("berlin-wifi", 4);
        OfficeDefinition berlin = fixed.topology().office("berlin").orElseThrow();
        assertThat(berlin).isEqualTo(new OfficeDefinition("berlin", "Berlin", OfficeKind.STANDARD, "central",
                List.of(SubnetRange.parse("10.2.0.0-10.2.4.255"), SubnetRange.parse("10.2.6.0/23"),
                        SubnetRange.parse("2001:db8:2::/48")),
                List.of(Offices.RVP_1, Offices.RVP_2), true, false));
        OfficeDefinition wifi = fixed.topology().office("berlin-wifi").orElseThrow();
        assertThat(wifi.type()).isEqualTo(OfficeKind.WIFI);
        assertThat(wifi.ranges()).extracting(SubnetRange::text).containsExactly("10.2.5.0/24", "10.3.0.1-10.3.0.9");
        assertThat(wifi.metered()).isTrue();
    }

    @Test
    void findsColumnsByHeaderInAnyOrderAndSpellingAndDefaultsOptionalColumns() {
        SheetImport result = read("Subnets,Parent ID,TYPE,Name,Office-ID\n"
                + "10.0.0.0/16,,Standard,HQ,central\n"
                + "10.9.0.0/16,central,VPN,Remote,vpn\n");

        assertThat(problems(result)).isEmpty();
        OfficeDefinition vpn = result.topology().office("vpn").orElseThrow();
        assertThat(vpn).isEqualTo(OfficeDefinition.of("vpn", "Remote", OfficeKind.VPN, "central",
                List.of(SubnetRange.parse("10.9.0.0/16"))));
    }

    @Test
    void acceptsTheByteOrderMarkExcelWritesAndReadsUtf8Names() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (HEADER + "central,Zentrale München,Standard,,10.0.0.0/16,,,\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);

        SheetImport result = new TopologySheetReader().read(file, SheetFormat.CSV);

        assertThat(problems(result)).isEmpty();
        assertThat(result.topology().central().name()).isEqualTo("Zentrale München");
    }

    @Test
    void readsSemicolonSeparatedSheetsAsExcelWritesThemInGermanAndDutchLocales() {
        SheetImport result = read("\uFEFFoffice_id;name;type;parent_id;subnets;metered\r\n"
                + "central;Central office;Standard;;10.0.0.0/16;\r\n"
                + "ams;Amsterdam;Standard;central;\"10.1.0.0/16;10.11.0.0/16\";ja\r\n");

        assertThat(problems(result)).containsExactly("row 3, column metered: metered \"ja\" of office \"ams\" is not a"
                + " yes/no value: expected true or false (yes/no, 1/0 also work)");
        SheetImport fixed = read("office_id;name;type;parent_id;subnets\r\n"
                + "central;Central office;Standard;;10.0.0.0/16\r\n"
                + "ams;Amsterdam;Standard;central;\"10.1.0.0/16;10.11.0.0/16\"\r\n");
        assertThat(fixed.topology().office("ams").orElseThrow().ranges()).hasSize(2);
    }

    @Test
    void readsTabSeparatedUtf16TextAsExcelSavesUnicodeText() {
        String text = "office_id\tname\ttype\tparent_id\tsubnets\r\ncentral\tCentral office\tStandard\t\t10.0.0.0/16\r\n"
                + "tokyo\t東京\tStandard\tcentral\t10.81.0.0/16\r\n";
        byte[] body = text.getBytes(Charset.forName("UTF-16LE"));
        byte[] file = new byte[body.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) 0xFE;
        System.arraycopy(body, 0, file, 2, body.length);

        SheetImport result = new TopologySheetReader().read(file, SheetFormat.CSV);

        assertThat(problems(result)).isEmpty();
        assertThat(result.topology().office("tokyo").orElseThrow().name()).isEqualTo("東京");
    }

    @Test
    void refusesTextThatIsNotUtf8NamingTheLine() {
        byte[] file = (HEADER + "central,Zentrale M\u00fcnchen,Standard,,10.0.0.0/16,,,\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        SheetImport result = new TopologySheetReader().read(file, SheetFormat.CSV);

        assertThat(problems(result)).containsExactly("the file is not UTF-8 text: byte " + (HEADER.length() + 19)
                + " (line 2) is not a valid character; save the sheet as \"CSV UTF-8\"");
        assertThat(result.problems().get(0).code()).isEqualTo(Code.UNREADABLE_FILE);
    }

    @Test
    void skipsBlankRowsButKeepsTheRowNumbersASpreadsheetShows() {
        SheetImport result = read(HEADER
                + "\r\n"
                + "central,Central office,Standard,,10.0.0.0/16,,,\r\n"
                + ",,,,,,,\r\n"
                + "lab,Lab,\"Standard\",central,\"10.7.0.0/16\n10.8.0.0/33\",,,\r\n"
                + "after,After,Standard,lab,10.9.0.0/16,,,\r\n"
                + "bad,Bad,Wired,central,,,,\r\n");

        assertThat(problems(result)).containsExactly(
                "row 5, column subnets: subnet \"10.8.0.0/33\" of office \"lab\" has prefix length /33 (expected 0 to 32"
                        + " for IPv4)",
                "row 7, column type: type \"Wired\" of office \"bad\" is not an office type: expected Standard, VPN or Wi-Fi");
    }

    @Test
    void reportsCellProblemsAndTopologyProblemsTogether() {
        SheetImport result = read(HEADER
                + "central,Central office,Standard,,10.0.0.0/16,,maybe,\r\n"
                + "berlin,Berlin,Standard,central,10.2.0.0/16,not-a-uuid,,\r\n"
                + "berlin-wifi,Berlin Wi-Fi,Wi-Fi,berlin,10.2.5.0/24 10.2.300.0/24,,,\r\n"
                + "munich,Berlin,,bavaria,,,,\r\n");

        assertThat(problems(result)).containsExactly(
                "row 2, column metered: metered \"maybe\" of office \"central\" is not a yes/no value: expected true or"
                        + " false (yes/no, 1/0 also work)",
                "row 3, column subnets: 10.2.0.0/16 of office \"berlin\" overlaps 10.2.5.0/24 of office \"berlin-wifi\""
                        + " (row 4)",
                "row 3, column preferred_rvps: preferred RVP \"not-a-uuid\" of office \"berlin\" is not a device id:"
                        + " expected a UUID such as 3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b",
                "row 4, column subnets: subnet \"10.2.300.0/24\" of office \"berlin-wifi\" has a network address"
                        + " \"10.2.300.0\" that is not an IPv4 or IPv6 address",
                "row 5, column name: name \"Berlin\" of office \"munich\" is already the name of office \"berlin\" (row 3)"
                        + " (names are compared ignoring case)",
                "row 5, column type: office \"munich\" has no type: expected Standard, VPN or Wi-Fi",
                "row 5, column parent_id: parent_id \"bavaria\" of office \"munich\" names no office");
        assertThat(result.topology()).isNull();
        assertThat(result.rows()).isEmpty();
    }

    @Test
    void anUnreadableTypeIsReportedOnceNotAgainAsMissing() {
        SheetImport result = read(HEADER + "central,Central office,Standard,,,,,\r\nlab,Lab,Wired,central,,,,\r\n");

        assertThat(result.problems()).extracting(TopologyProblem::code).containsExactly(Code.INVALID_VALUE);
    }

    @Test
    void reportsUnknownRepeatedAndMissingColumnsBeforeReadingAnyRow() {
        SheetImport result = read("office_id,name,type,site,office_id,notes\r\ncentral,Central office,Standard,x,y,z\r\n");

        // left to right by the sheet's own column order, unknown columns last
        assertThat(problems(result)).containsExactly(
                "row 1, column office_id: column office_id appears twice, in columns A and E",
                "row 1, column parent_id: the header row has no column parent_id; the required columns are office_id,"
                        + " name, type, parent_id, subnets",
                "row 1, column subnets: the header row has no column subnets; the required columns are office_id, name,"
                        + " type, parent_id, subnets",
                "row 1, column site: column D has the header \"site\", which is not a topology column: expected"
                        + " office_id, name, type, parent_id, subnets, preferred_rvps, metered, allow_direct_cdn",
                "row 1, column notes: column F has the header \"notes\", which is not a topology column: expected"
                        + " office_id, name, type, parent_id, subnets, preferred_rvps, metered, allow_direct_cdn");
        assertThat(result.problems()).extracting(TopologyProblem::code).containsExactly(Code.UNKNOWN_COLUMN,
                Code.MISSING_COLUMN, Code.MISSING_COLUMN, Code.UNKNOWN_COLUMN, Code.UNKNOWN_COLUMN);
    }

    @Test
    void aValueInAColumnWithoutHeaderIsAProblemAnEmptyOneIsNot() {
        SheetImport result = read("office_id,name,type,parent_id,subnets,\r\n"
                + "central,Central office,Standard,,10.0.0.0/16,\r\n"
                + "lab,Lab,Standard,central,10.7.0.0/16,,stray\r\n");

        assertThat(problems(result)).containsExactly(
                "row 3, column G: column G has no header, but holds \"stray\": give it a header or clear it");
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsReportedClearly() {
        assertThat(problems(read(""))).containsExactly("the file is empty: expected a header row with the columns"
                + " office_id, name, type, parent_id, subnets, preferred_rvps, metered, allow_direct_cdn");
        assertThat(read("\r\n\r\n").problems()).extracting(TopologyProblem::code).containsExactly(Code.MISSING_HEADER);
        assertThat(read(HEADER).problems()).extracting(TopologyProblem::code).containsExactly(Code.NO_CENTRAL_OFFICE);
    }

    @Test
    void anUnclosedQuoteIsOneProblem() {
        SheetImport result = read(HEADER + "central,\"Central office,Standard,,10.0.0.0/16,,,\r\n");

        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).code()).isEqualTo(Code.UNREADABLE_FILE);
        assertThat(result.problems().get(0).message()).startsWith("the CSV text cannot be read after row 1: ");
    }

    @Test
    void refusesFilesAndSheetsOverTheLimits() {
        TopologySheetReader reader = new TopologySheetReader(new SheetLimits(200, 3, 1 << 20), null);
        String twoOffices = HEADER + "central,Central office,Standard,,,,,\r\na,A,Standard,central,,,,\r\n";

        assertThat(reader.read(twoOffices.getBytes(StandardCharsets.UTF_8), SheetFormat.CSV).valid()).isTrue();
        SheetImport tooManyRows = reader.read((twoOffices + "b,B,Standard,central,,,,\r\n")
                .getBytes(StandardCharsets.UTF_8), SheetFormat.CSV);
        assertThat(problems(tooManyRows)).containsExactly(
                "the sheet has more than 3 rows: split the topology or raise the import's row limit");
        SheetImport tooLarge = reader.read(("x".repeat(201)).getBytes(StandardCharsets.UTF_8), SheetFormat.CSV);
        assertThat(tooLarge.problems()).extracting(TopologyProblem::code).containsExactly(Code.TOO_LARGE);
        assertThat(tooLarge.problems().get(0).message()).startsWith("the file is larger than ");
    }

    @Test
    void aStreamOverTheLimitIsNotReadToItsEnd() throws IOException {
        TopologySheetReader reader = new TopologySheetReader(new SheetLimits(100, 10, 1 << 20), null);

        SheetImport result = reader.read(new ByteArrayInputStream(new byte[10_000]));

        assertThat(result.problems()).extracting(TopologyProblem::code).containsExactly(Code.TOO_LARGE);
    }

    @Test
    void aZipArchiveUploadedAsCsvIsNamedForWhatItIs() {
        byte[] xlsx = TopologySheetWriter.toBytes(Topology.initial(), SheetFormat.XLSX);

        SheetImport result = new TopologySheetReader().read(xlsx, SheetFormat.CSV);

        assertThat(problems(result)).containsExactly(
                "the file is a zip archive (an XLSX workbook?), not CSV text: upload it as XLSX");
    }

    @Test
    void detectsTheFormatFromTheContent() throws IOException {
        TopologySheetReader reader = new TopologySheetReader();
        Topology topology = Topology.of(List.of(Offices.central("10.0.0.0/16")));

        for (SheetFormat format : SheetFormat.values()) {
            byte[] bytes = TopologySheetWriter.toBytes(topology, format);
            assertThat(SheetFormat.detect(bytes)).isEqualTo(format);
            assertThat(reader.read(new ByteArrayInputStream(bytes)).topology()).isEqualTo(topology);
        }
        assertThat(SheetFormat.ofFileName("Topology.XLSX")).contains(SheetFormat.XLSX);
        assertThat(SheetFormat.ofFileName("topology.csv")).contains(SheetFormat.CSV);
        assertThat(SheetFormat.ofFileName("topology.xls")).isEmpty();
    }

    @Test
    void checksTheServerAddressWhenGiven() {
        TopologySheetReader reader = new TopologySheetReader(SheetLimits.DEFAULT, "10.9.0.1");

        SheetImport result = reader.read((HEADER + "central,Central office,Standard,,10.0.0.0/16,,,\r\n")
                .getBytes(StandardCharsets.UTF_8), SheetFormat.CSV);

        assertThat(problems(result)).containsExactly("row 2, column subnets: the server's IP 10.9.0.1 is in none of the"
                + " ranges of the central office \"central\" (10.0.0.0/16): the server must be in a subnet of the"
                + " central office");
    }
}
