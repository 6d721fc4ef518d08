package dev.cascade.topology;

import static dev.cascade.topology.TopologyApi.BASELINE;
import static dev.cascade.topology.TopologyApi.CSV;
import static dev.cascade.topology.TopologyApi.apply;
import static dev.cascade.topology.TopologyApi.patiently;
import static dev.cascade.topology.TopologyApi.uploadLarge;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.PeerPlacement;
import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyGenerator;
import dev.cascade.topology.model.TopologySheetWriter;
import dev.cascade.topology.service.OfficeDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * A 10 000-office, 100 000-range sheet through the whole import on H2: dry run, apply, resolution,
 * export, and replacing it again. The durations are logged (the numbers in docs/benchmarks.md come
 * from here); the test asserts only what happened, never how fast.
 */
@QuarkusTest
@TestProfile(TopologyRestProfile.class)
class LargeTopologyImportTest {

    private static final Logger LOG = Logger.getLogger(LargeTopologyImportTest.class);

    @Inject
    OfficeDirectory directory;

    @Test
    void aTenThousandOfficeSheetIsAppliedServedAndReplaced() {
        apply(BASELINE);
        TopologyGenerator generator = new TopologyGenerator(42);
        Topology large = generator.generate(10_000, 100_000);
        List<PeerPlacement> peers = generator.peers(large, 2_000);
        FakeMetadataService.reset().serve(peers.stream()
                .map(p -> FakeMetadataService.peer(p.deviceId(), p.hostname(), p.ip(), 24, "central")).toList());
        byte[] sheet = TopologySheetWriter.toBytes(large, SheetFormat.CSV);
        long revision = directory.storedRevision();
        long movers = peers.stream().filter(p -> !p.officeId().equals("central")).count();

        long start = System.nanoTime();
        JsonPath dryRun = JsonPath.from(uploadLarge(sheet, CSV, "dryRun=true").statusCode(200).extract().asString());
        long dryRunMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        JsonPath applied = JsonPath.from(uploadLarge(sheet, CSV, "dryRun=false").statusCode(200).extract().asString());
        long applyMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(dryRun.getInt("counts.added")).isEqualTo(9_999);
        assertThat(dryRun.getInt("counts.removed")).isEqualTo(3); // berlin, berlin-wifi, munich
        assertThat(dryRun.getInt("counts.peerMoves")).isEqualTo((int) movers);
        assertThat(applied.getInt("counts.added")).isEqualTo(9_999);
        assertThat(applied.getLong("revision")).isEqualTo(revision + 1);
        assertThat(directory.revision()).isEqualTo(revision + 1);
        assertThat(directory.offices()).hasSize(10_000);
        assertThat(directory.snapshot().resolver().rangeCount()).isEqualTo(100_000);
        OfficeDefinition sample = large.offices().get(7_777);
        given().queryParam("ip", sample.ranges().get(0).firstText()).get("/offices/resolve").then().statusCode(200)
                .body("office.officeId", equalTo(sample.id()));

        start = System.nanoTime();
        byte[] exported = patiently().get("/topology/export").then().statusCode(200).extract().asByteArray();
        long exportMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        uploadLarge(exported, CSV, "dryRun=false").statusCode(200).body("counts.changed", equalTo(0))
                .body("counts.added", equalTo(0)).body("revision", equalTo((int) revision + 1));
        long noOpMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        apply(BASELINE);
        long replaceMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(directory.offices()).hasSize(4);
        LOG.infof("10 000 offices / 100 000 ranges over REST on H2: dry run %d ms, apply %d ms, export %d ms,"
                + " re-import of the export (no change) %d ms, replaced by 4 offices %d ms",
                dryRunMillis, applyMillis, exportMillis, noOpMillis, replaceMillis);
    }
}
