package dev.cascade.topology;

import static dev.cascade.topology.TopologyApi.BASELINE;
import static dev.cascade.topology.TopologyApi.CSV;
import static dev.cascade.topology.TopologyApi.HEADER;
import static dev.cascade.topology.TopologyApi.XLSX;
import static dev.cascade.topology.TopologyApi.apply;
import static dev.cascade.topology.TopologyApi.imports;
import static dev.cascade.topology.TopologyApi.offices;
import static dev.cascade.topology.TopologyApi.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.TopologyChangeTrigger;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.outbox.OutboxEventEntity;
import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.TopologySheetReader;
import dev.cascade.topology.model.TopologySheetWriter;
import dev.cascade.topology.service.OfficeDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Spreadsheet import (dry run and apply), export and the detected topology over REST, on the
 * service's real database — H2 ({@link TopologyImportTest}) and SQL Server in a container
 * ({@link TopologyImportSqlServerTest}) — with the real broker and metadata-service's ListPeers
 * served by a fake on a real gRPC server. Every test starts from {@link TopologyApi#BASELINE}.
 */
abstract class TopologyImportContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HAMBURG_SHEET = HEADER
            + "central,Central office,Standard,,10.0.0.0/16,,false,false\n"
            + "berlin,Berlin Mitte,Standard,central,10.2.0.0-10.2.4.255; 10.2.6.0/23,,false,false\n"
            + "berlin-wifi,Berlin Wi-Fi,Wi-Fi,berlin,10.2.5.0/24,,false,false\n"
            + "hamburg,Hamburg,Standard,central,10.4.0.0/16,,true,false\n";
    private static final String PC_HAMBURG = "00000000-0000-0000-0000-0000000000a1";
    private static final String PC_MUNICH = "00000000-0000-0000-0000-0000000000a2";

    @Inject
    OfficeDirectory directory;

    FakeMetadataService metadata;

    private final String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

    @BeforeEach
    void startFromTheBaseline() {
        metadata = FakeMetadataService.reset();
        apply(BASELINE);
    }

    @Test
    void aDryRunShowsTheDiffAndThePeersThatWouldMoveAndChangesNothing() {
        metadata.serve(List.of(
                FakeMetadataService.peer(PC_HAMBURG, "pc-hh", "10.4.1.1", 16, "central"),
                FakeMetadataService.peer(PC_MUNICH, "pc-muc", "10.3.1.1", 16, "munich"),
                FakeMetadataService.peer("00000000-0000-0000-0000-0000000000a3", "pc-ber", "10.2.1.1", 16, "berlin"),
                FakeMetadataService.peer("00000000-0000-0000-0000-0000000000a4", "pc-odd", "not-an-address", 0, null)));
        long revision = directory.storedRevision();
        String before = offices();
        long outboxBefore = outboxRows();
        double dryRunsBefore = imports("dry_run");

        upload(HAMBURG_SHEET, true).statusCode(200)
                .body("dryRun", equalTo(true))
                .body("revision", equalTo((int) revision))
                .body("previousRevision", equalTo((int) revision))
                .body("counts.added", equalTo(1))
                .body("counts.removed", equalTo(1))
                .body("counts.changed", equalTo(1))
                .body("counts.peerMoves", equalTo(2))
                .body("added.id", contains("hamburg"))
                .body("added[0].ranges", contains("10.4.0.0/16"))
                .body("added[0].metered", equalTo(true))
                .body("added[0].type", equalTo("Standard"))
                .body("removed.id", contains("munich"))
                .body("changed.officeId", contains("berlin"))
                .body("changed[0].fields.field", contains("name", "subnets"))
                .body("changed[0].fields[0].oldValue", equalTo("Berlin"))
                .body("changed[0].fields[0].newValue", equalTo("Berlin Mitte"))
                .body("changed[0].fields[1].oldValue", equalTo("10.2.0.0-10.2.4.255; 10.2.6.0/23; 2001:db8:2::/48"))
                .body("changed[0].fields[1].newValue", equalTo("10.2.0.0-10.2.4.255; 10.2.6.0/23"))
                .body("peerMoves.deviceId", contains(PC_HAMBURG, PC_MUNICH))
                .body("peerMoves[0].fromOfficeId", equalTo("central"))
                .body("peerMoves[0].toOfficeId", equalTo("hamburg"))
                .body("peerMoves[0].reason", equalTo("matched range 10.4.0.0/16 of office hamburg"))
                .body("peerMoves[1].hostname", equalTo("pc-muc"))
                .body("peerMoves[1].fromOfficeId", equalTo("munich"))
                .body("peerMoves[1].toOfficeId", equalTo("central"))
                .body("peerMoves[1].reason", equalTo("no range holds 10.3.1.1: central office"))
                .body("peerMovesUnavailable", nullValue())
                .body("unresolvablePeers.ip", contains("not-an-address"));

        assertThat(offices()).isEqualTo(before);
        assertThat(directory.storedRevision()).isEqualTo(revision);
        assertThat(directory.revision()).isEqualTo(revision);
        assertThat(outboxRows()).as("no event").isEqualTo(outboxBefore);
        given().get("/offices/munich").then().statusCode(200);
        given().get("/offices/hamburg").then().statusCode(404);
        assertThat(imports("dry_run")).isEqualTo(dryRunsBefore + 1);
    }

    @Test
    void applyingChangesTheOfficesBumpsTheRevisionAndPublishesExactlyOneEvent() {
        metadata.serve(List.of(FakeMetadataService.peer(PC_HAMBURG, "pc-hh", "10.4.1.1", 16, "central")));
        long revision = directory.storedRevision();
        long start = System.currentTimeMillis();
        double appliedBefore = imports("applied");

        upload(HAMBURG_SHEET, false).statusCode(200)
                .body("dryRun", equalTo(false))
                .body("previousRevision", equalTo((int) revision))
                .body("revision", equalTo((int) revision + 1))
                .body("counts.added", equalTo(1))
                .body("counts.removed", equalTo(1))
                .body("counts.changed", equalTo(1))
                .body("peerMoves.toOfficeId", contains("hamburg"));

        assertThat(directory.storedRevision()).isEqualTo(revision + 1);
        // served at once: the snapshot is replaced before the answer
        given().queryParam("ip", "10.4.1.1").get("/offices/resolve").then().statusCode(200)
                .body("office.officeId", equalTo("hamburg"))
                .body("reason", equalTo("matched range 10.4.0.0/16 of office hamburg (Hamburg)"))
                .body("topologyRevision", equalTo((int) revision + 1));
        given().queryParam("ip", "10.3.1.1").get("/offices/resolve").then().body("office.officeId", equalTo("central"));
        given().get("/offices/munich").then().statusCode(404);
        given().get("/offices/berlin").then().statusCode(200).body("name", equalTo("Berlin Mitte"))
                .body("ranges.collect { it.cidr ?: it.firstAddress + '-' + it.lastAddress }",
                        contains("10.2.0.0-10.2.4.255", "10.2.6.0/23"));
        given().get("/offices/hamburg").then().statusCode(200).body("metered", equalTo(true))
                .body("path", contains("hamburg", "central"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(revision + 1, start)).isNotEmpty());
        List<TopologyChanged> events = events(revision + 1, start);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getTrigger()).isEqualTo(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_IMPORT);
        assertThat(events.get(0).getOfficesAdded()).isEqualTo(1);
        assertThat(events.get(0).getOfficesChanged()).isEqualTo(1);
        assertThat(events.get(0).getOfficesRemoved()).isEqualTo(1);
        assertThat(imports("applied")).isEqualTo(appliedBefore + 1);

        // the same sheet again changes nothing: no revision, no event (and metadata-service has moved the peer)
        metadata.serve(List.of(FakeMetadataService.peer(PC_HAMBURG, "pc-hh", "10.4.1.1", 16, "hamburg")));
        long outbox = outboxRows();
        upload(HAMBURG_SHEET, false).statusCode(200)
                .body("revision", equalTo((int) revision + 1))
                .body("previousRevision", equalTo((int) revision + 1))
                .body("counts.added", equalTo(0)).body("counts.removed", equalTo(0)).body("counts.changed", equalTo(0))
                .body("peerMoves", empty());
        assertThat(outboxRows()).isEqualTo(outbox);
        assertThat(directory.storedRevision()).isEqualTo(revision + 1);
    }

    @Test
    void aSheetWithProblemsIsRefusedWithEveryRowAndColumnAndNothingChanges() {
        long revision = directory.storedRevision();
        String before = offices();
        double invalidBefore = imports("invalid");
        String sheet = HEADER
                + "central,Central office,Standard,,10.0.0.0/16,,false,false\n"
                + "berlin,Berlin,Standard,central,10.2.0.0/16,,false,false\n"
                + "berlin-wifi,Berlin Wi-Fi,Wi-Fi,berlin,10.2.5.0/24,,false,false\n"
                + "munich,Munich,Wired,bavaria,10.3.0.0/16; 10.4.1.7/24,,sometimes,false\n";

        upload(sheet, false).statusCode(422)
                .body("status", equalTo(422))
                .body("message", startsWith("nothing was changed: invalid topology, 5 problem(s)"))
                .body("problems.row", contains(3, 5, 5, 5, 5))
                .body("problems.column", contains("subnets", "type", "parent_id", "subnets", "metered"))
                .body("problems.code", contains("OVERLAPPING_RANGES", "INVALID_VALUE", "UNKNOWN_PARENT", "MALFORMED_RANGE",
                        "INVALID_VALUE"))
                .body("problems[0].officeIds", contains("berlin", "berlin-wifi"))
                .body("problems[0].message", equalTo(
                        "10.2.0.0/16 of office \"berlin\" overlaps 10.2.5.0/24 of office \"berlin-wifi\" (row 4)"))
                .body("problems[2].message", equalTo("parent_id \"bavaria\" of office \"munich\" names no office"));

        assertThat(offices()).isEqualTo(before);
        assertThat(directory.storedRevision()).isEqualTo(revision);
        assertThat(imports("invalid")).isEqualTo(invalidBefore + 1);
    }

    @Test
    void aSheetWithoutTheServerInTheCentralOfficeIsRefused() {
        String sheet = HEADER + "central,Central office,Standard,,10.9.0.0/16,,false,false\n";

        upload(sheet, true).statusCode(422)
                .body("problems.code", contains("SERVER_OUTSIDE_CENTRAL"))
                .body("problems[0].message", containsString("the server's IP 10.0.0.10 is in none of the ranges"));
    }

    @Test
    void anUploadWithoutASheetTypeIsToldByItsBytes() throws Exception {
        // as curl --data-binary sends it without -H (REST Assured would encode the body as a form)
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/topology/import?dryRun=true"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HAMBURG_SHEET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(JsonPath.from(form.body()).getList("added.id", String.class)).containsExactly("hamburg");
        upload(TopologySheetWriter.toBytes(sheet(HAMBURG_SHEET), SheetFormat.XLSX), "text/plain", "dryRun=true")
                .statusCode(200).body("added.id", contains("hamburg"));
    }

    @Test
    void aDamagedXlsxFileIsOneClearProblem() {
        byte[] damaged = Arrays.copyOf(TopologySheetWriter.toBytes(sheet(BASELINE), SheetFormat.XLSX), 300);

        for (String type : List.of(XLSX, "application/octet-stream")) {
            upload(damaged, type, "dryRun=false").statusCode(422)
                    .body("problems", hasSize(1))
                    .body("problems[0].code", equalTo("UNREADABLE_FILE"))
                    .body("problems[0].row", nullValue())
                    .body("problems[0].message", containsString("the XLSX file is truncated or damaged"));
        }
        upload("not a workbook".getBytes(StandardCharsets.UTF_8), XLSX, "dryRun=true").statusCode(422)
                .body("problems[0].message", containsString("this one does not start like one"));
    }

    @Test
    void anXlsxSheetWithIpv6AndNonCidrRangesAndAWifiSubOfficeIsApplied() {
        String csv = BASELINE
                + "lab,Test lab,Standard,central,192.168.10.50-192.168.10.99; 192.168.10.7; 2001:db8:ff::10-2001:db8:ff::fff,,false,false\n"
                + "lab-wifi,Test lab Wi-Fi,Wi-Fi,lab,192.168.11.0/24; 2001:db8:fe::/48,,false,false\n";
        byte[] xlsx = TopologySheetWriter.toBytes(sheet(csv), SheetFormat.XLSX);

        // the format is told from the bytes
        upload(xlsx, "application/octet-stream", "dryRun=false").statusCode(200)
                .body("added.id", contains("lab", "lab-wifi"))
                .body("added[0].ranges", contains("192.168.10.50-192.168.10.99", "192.168.10.7",
                        "2001:db8:ff::10-2001:db8:ff::fff"));

        resolvesTo("2001:db8:ff::20", "lab", "matched range 2001:db8:ff::10-2001:db8:ff::fff of office lab (Test lab)");
        resolvesTo("2001:db8:ff::1000", "central", "no topology range matches 2001:db8:ff::1000: central office");
        resolvesTo("192.168.10.99", "lab", "matched range 192.168.10.50-192.168.10.99 of office lab (Test lab)");
        resolvesTo("192.168.10.7", "lab", "matched range 192.168.10.7 of office lab (Test lab)");
        resolvesTo("192.168.10.8", "central", "no topology range matches 192.168.10.8: central office");
        resolvesTo("2001:db8:fe:1::9", "lab-wifi", "matched range 2001:db8:fe::/48 of office lab-wifi (Test lab Wi-Fi)");
        resolvesTo("10.2.5.7", "berlin-wifi", "matched range 10.2.5.0/24 of office berlin-wifi (Berlin Wi-Fi)");
        given().get("/offices/lab-wifi").then().statusCode(200)
                .body("type", equalTo("WIFI"))
                .body("parentOfficeId", equalTo("lab"))
                .body("path", contains("lab-wifi", "lab", "central"));
        given().get("/offices/berlin-wifi").then().body("path", contains("berlin-wifi", "berlin", "central"));
    }

    @Test
    void anExportImportedAgainChangesNothingInBothFormats() {
        apply(BASELINE + "lab,Test lab,Standard,central,192.168.10.50-192.168.10.99; 192.168.10.7; 2001:DB8:FF::/48,"
                + "3F2B8C1E-9A4D-4E5F-8B6A-1C2D3E4F5A6B,true,true\n");
        long revision = directory.storedRevision();

        ExtractableResponse<Response> csv = given().get("/topology/export").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"topology-r" + revision + ".csv\"")
                .contentType(startsWith("text/csv")).extract();
        String text = csv.asString();
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("central,Central office,Standard,,10.0.0.0/16");
        assertThat(text).contains("192.168.10.50-192.168.10.99; 192.168.10.7; 2001:db8:ff::/48",
                "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b,true,true", "10.2.0.0-10.2.4.255; 10.2.6.0/23; 2001:db8:2::/48");
        byte[] xlsx = given().queryParam("format", "xlsx").get("/topology/export").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"topology-r" + revision + ".xlsx\"")
                .contentType(startsWith(XLSX)).extract().asByteArray();

        upload(csv.asByteArray(), CSV, "dryRun=false").statusCode(200)
                .body("counts.added", equalTo(0)).body("counts.removed", equalTo(0)).body("counts.changed", equalTo(0))
                .body("revision", equalTo((int) revision));
        upload(xlsx, XLSX, "dryRun=false").statusCode(200)
                .body("counts.added", equalTo(0)).body("counts.removed", equalTo(0)).body("counts.changed", equalTo(0))
                .body("revision", equalTo((int) revision));
        assertThat(directory.storedRevision()).isEqualTo(revision);
        given().queryParam("format", "ods").get("/topology/export").then().statusCode(400)
                .body("message", equalTo("format 'ods' is not known: expected csv or xlsx"));
    }

    @Test
    void applyingWithTheRevisionOfAnOutdatedDryRunIsAConflict() {
        long seen = upload(HAMBURG_SHEET, true).statusCode(200).extract().jsonPath().getLong("revision");
        given().contentType("application/json")
                .body("{\"id\": \"munich\", \"name\": \"München\", \"type\": \"Standard\", \"parentId\": \"berlin\","
                        + " \"ranges\": [\"10.3.0.0/16\"]}")
                .put("/offices/munich").then().statusCode(200);
        double conflictsBefore = imports("conflict");

        upload(HAMBURG_SHEET.getBytes(StandardCharsets.UTF_8), CSV, "dryRun=false&expectedRevision=" + seen).statusCode(409)
                .body("status", equalTo(409))
                .body("message", equalTo("the topology changed since the dry run (revision " + seen + ", now " + (seen + 1)
                        + "); run the dry run again"));

        given().get("/offices/munich").then().statusCode(200).body("name", equalTo("München"));
        assertThat(directory.storedRevision()).isEqualTo(seen + 1);
        assertThat(imports("conflict")).isEqualTo(conflictsBefore + 1);
        upload(HAMBURG_SHEET.getBytes(StandardCharsets.UTF_8), CSV, "dryRun=false&expectedRevision=" + (seen + 1))
                .statusCode(200).body("revision", equalTo((int) seen + 2));
        upload(HAMBURG_SHEET.getBytes(StandardCharsets.UTF_8), CSV, "dryRun=false&expectedRevision=latest").statusCode(400)
                .body("message", containsString("'expectedRevision' is 'latest'"));
        upload(HAMBURG_SHEET.getBytes(StandardCharsets.UTF_8), CSV, "dryRun=perhaps").statusCode(400)
                .body("message", equalTo("query parameter 'dryRun' is 'perhaps': expected true or false"));
    }

    @Test
    void withoutMetadataServiceTheDryRunStillAnswersWithoutPeerMoves() {
        metadata.failing(true);

        upload(HAMBURG_SHEET, true).statusCode(200)
                .body("counts.added", equalTo(1))
                .body("counts.peerMoves", nullValue())
                .body("peerMoves", nullValue())
                .body("peerMovesUnavailable", startsWith("metadata-service could not list the registered peers (UNAVAILABLE:"));
    }

    @Test
    void theDetectedTopologyProposesAnOfficePerObservedSubnet() {
        metadata.serve(List.of(
                FakeMetadataService.peer(PC_HAMBURG, "pc-hh", "10.4.1.1", 24, "central"),
                FakeMetadataService.peer(PC_MUNICH, "pc-muc", "10.3.1.1", 16, "munich"),
                FakeMetadataService.peer("00000000-0000-0000-0000-0000000000a5", "vpn-1", "10.8.0.1", 32, "central"),
                FakeMetadataService.peer("00000000-0000-0000-0000-0000000000a6", "pc-v6", "2001:db8:77::5", 64, "central")));
        long revision = directory.storedRevision();

        given().queryParam("format", "json").get("/topology/detected").then().statusCode(200)
                .body("basedOnRevision", equalTo((int) revision))
                .body("addedOfficeIds", contains("10.4.1.0-24", "2001.db8.77..-64"))
                .body("offices.id", contains("central", "berlin", "berlin-wifi", "munich", "10.4.1.0-24", "2001.db8.77..-64"))
                .body("offices.find { it.id == '10.4.1.0-24' }.name", equalTo("10.4.1.0/24"))
                .body("offices.find { it.id == '10.4.1.0-24' }.parentId", equalTo("central"))
                .body("notes", hasSize(2))
                .body("notes[0]", containsString("10.3.1.1/16"))
                .body("notes[1]", containsString("have a host mask (/32), e.g. 10.8.0.1/32"));

        ExtractableResponse<Response> csv = given().get("/topology/detected").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"topology-detected-r" + revision + ".csv\"")
                .extract();
        assertThat(csv.asString()).contains("10.4.1.0-24,10.4.1.0/24,Standard,central,10.4.1.0/24,,false,false");
        // downloaded, then uploaded: the proposal adds exactly its offices and moves their peers
        upload(csv.asByteArray(), CSV, "dryRun=true").statusCode(200)
                .body("added.id", contains("10.4.1.0-24", "2001.db8.77..-64"))
                .body("counts.changed", equalTo(0))
                .body("peerMoves.deviceId", contains(PC_HAMBURG, "00000000-0000-0000-0000-0000000000a6"));
        byte[] xlsx = given().queryParam("format", "xlsx").get("/topology/detected").then().statusCode(200)
                .contentType(startsWith(XLSX)).extract().asByteArray();
        upload(xlsx, XLSX, "dryRun=true").statusCode(200).body("added.id", contains("10.4.1.0-24", "2001.db8.77..-64"));

        metadata.failing(true);
        given().get("/topology/detected").then().statusCode(503)
                .body("message", startsWith("metadata-service could not list the registered peers (UNAVAILABLE"));
        given().queryParam("format", "pdf").get("/topology/detected").then().statusCode(400)
                .body("message", equalTo("format 'pdf' is not known: expected csv or xlsx or json"));
    }

    @Test
    void aBodyOverTheSheetLimitIsRefusedWithoutChangingAnything() {
        byte[] large = new byte[33 << 20];
        Arrays.fill(large, (byte) 'a');
        long revision = directory.storedRevision();

        TopologyApi.uploadLarge(large, CSV, "dryRun=false").statusCode(422)
                .body("problems.code", contains("TOO_LARGE"))
                .body("problems[0].message", startsWith("the file is larger than 32 MiB"));
        assertThat(directory.storedRevision()).isEqualTo(revision);
    }

    @Test
    void theApiIsDocumentedAndMetered() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/topology/import", "/topology/export", "/topology/detected", "/offices/{officeId}",
                "peerMovesUnavailable", "expectedRevision", "when it is unavailable the import still answers");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_topology_imports_total{outcome=\"applied\"",
                "cascade_topology_imports_total{outcome=\"conflict\"", "cascade_topology_import_seconds_count");
    }

    private void resolvesTo(String ip, String officeId, String reason) {
        given().queryParam("ip", ip).get("/offices/resolve").then().statusCode(200)
                .body("office.officeId", equalTo(officeId))
                .body("reason", equalTo(reason));
    }

    private List<TopologyChanged> events(long revision, long sinceMillis) {
        return TopologyApi.events(bootstrapServers, revision, sinceMillis);
    }

    private static dev.cascade.topology.model.Topology sheet(String csv) {
        return new TopologySheetReader().read(csv.getBytes(StandardCharsets.UTF_8), SheetFormat.CSV).topology();
    }

    private static long outboxRows() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEventEntity.count());
    }
}
