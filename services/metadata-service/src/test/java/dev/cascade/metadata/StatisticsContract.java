package dev.cascade.metadata;

import static dev.cascade.metadata.PeerEvents.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.TransferReport;
import io.restassured.path.json.JsonPath;

/**
 * Transfer statistics from TransferReported events on a real broker: bytes by source class per
 * content and office, counted once per transfer id. On H2 ({@link StatisticsTest}) and SQL Server
 * ({@link StatisticsSqlServerTest}).
 */
abstract class StatisticsContract {

    private static final String ORIGIN_BYTES = "cascade_metadata_transfer_bytes_total{source_class=\"ORIGIN\"";
    private static final String SAME_TRANSFER = "cascade_metadata_transfers_total{outcome=\"same_transfer\"";
    private static final String DUPLICATES = "cascade_metadata_events_duplicate_total{type=\"" + PeerEvents.TRANSFER + "\"";

    private final PeerEvents events = new PeerEvents();

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void bytesAreCountedPerOfficeAndSourceClassOncePerTransfer() {
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String branch = "st-a-" + suffix;
        String hqOffice = "st-b-" + suffix;
        String a = events.register(net + "1", branch);
        String b = events.register(net + "2", branch);
        String hq = events.register(net + "3", hqOffice);
        double originBefore = PeerEvents.metric(ORIGIN_BYTES);
        double sameTransferBefore = PeerEvents.metric(SAME_TRANSFER);
        double duplicatesBefore = PeerEvents.metric(DUPLICATES);

        String first = UUID.randomUUID().toString();
        TransferReport fromParentAndOrigin = report(first, content, true, 0, Map.of(SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER, 6000L,
                SourceClass.SOURCE_CLASS_ORIGIN, 4000L));
        String event = UUID.randomUUID().toString();
        events.transfer(event, a, fromParentAndOrigin);
        events.transfer(event, a, fromParentAndOrigin); // the same event again
        events.transfer(UUID.randomUUID().toString(), a, fromParentAndOrigin); // the same transfer in a new datagram
        events.transfer(UUID.randomUUID().toString(), b, report(UUID.randomUUID().toString(), content, false, 2,
                Map.of(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER, 2500L)));
        events.transfer(UUID.randomUUID().toString(), hq, report(UUID.randomUUID().toString(), content, true, 0,
                Map.of(SourceClass.SOURCE_CLASS_SEED, 10_000L)));

        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + content + "/statistics").then().statusCode(200)
                .body("totals.transfers", equalTo(3)));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(PeerEvents.metric(SAME_TRANSFER)).isEqualTo(sameTransferBefore + 1);
            assertThat(PeerEvents.metric(DUPLICATES)).isEqualTo(duplicatesBefore + 1);
        });
        JsonPath statistics = given().get("/contents/" + content + "/statistics").then().extract().jsonPath();
        assertThat(statistics.getMap("totals.bytesBySource")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PARENT_OFFICE_PEER", 6000, "ORIGIN", 4000, "SAME_OFFICE_PEER", 2500, "SEED", 10_000));
        assertThat(statistics.getLong("totals.bytes")).isEqualTo(22_500);
        assertThat(statistics.getInt("totals.completed")).isEqualTo(2);
        assertThat(statistics.getInt("totals.failed")).isEqualTo(1);
        assertThat(statistics.getInt("totals.badPieces")).isEqualTo(2);
        assertThat(statistics.getList("offices.officeId")).containsExactly(branch, hqOffice);
        assertThat(statistics.getMap("offices[0].statistics.bytesBySource")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PARENT_OFFICE_PEER", 6000, "ORIGIN", 4000, "SAME_OFFICE_PEER", 2500));
        assertThat(statistics.getMap("offices[0].statistics.transfersBySource")).containsEntry("ORIGIN", 1);
        assertThat(statistics.getInt("offices[0].statistics.transfers")).isEqualTo(2);
        assertThat(statistics.getMap("offices[1].statistics.bytesBySource")).containsExactly(Map.entry("SEED", 10_000));
        assertThat(PeerEvents.metric(ORIGIN_BYTES)).isEqualTo(originBefore + 4000);
    }

    @Test
    void aReportWithoutATransferIdGoesToTheDeadLetterTopic() {
        String device = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        events.transfer(bad, device, report("", "app-x", true, 0, Map.of(SourceClass.SOURCE_CLASS_ORIGIN, 1L)));

        String dlq = Topics.deadLetter(Topics.PEER_TRANSFERS, "metadata-service");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.kafka.read(dlq, 1000, Duration.ofSeconds(5)))
                .anySatisfy(record -> {
                    assertThat(new String(record.headers().lastHeader("cascade-event-id").value(), StandardCharsets.UTF_8))
                            .isEqualTo(bad);
                    assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                            .contains("transfer_id");
                }));
    }

    private static TransferReport report(String transferId, String content, boolean completed, int badPieces,
            Map<SourceClass, Long> bytes) {
        TransferReport.Builder report = TransferReport.newBuilder().setTransferId(transferId).setContentId(content)
                .setCompleted(completed).setBadPieces(badPieces).setStartedUnixMs(System.currentTimeMillis() - 1000)
                .setFinishedUnixMs(System.currentTimeMillis());
        bytes.forEach((source, count) -> report.addBytesBySource(SourceBytes.newBuilder().setSourceClass(source).setBytes(count)));
        return report.build();
    }
}
