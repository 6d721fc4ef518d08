package dev.cascade.metadata;

import static dev.cascade.metadata.PeerEvents.WAIT;
import static dev.cascade.metadata.PeerEvents.holding;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import io.restassured.path.json.JsonPath;

/**
 * Heartbeats, inventory reports and replies to server messages on a real broker: liveness, attributes, office moves,
 * what each peer holds, what it rejected; duplicates and late (older) reports change nothing. On H2 ({@link PeerReportsTest})
 * and SQL Server ({@link PeerReportsSqlServerTest}).
 */
abstract class PeerReportsContract {

    private static final int ACK = 0x02;
    private static final int REJECT = 0x03;

    private final PeerEvents events = new PeerEvents();

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void aHeartbeatUpdatesTheAttributesAndAnOlderOneDeliveredLateNeitherMovesLastSeenBackNorTheAttributes() {
        String net = PeerEvents.subnet();
        String device = events.register(net + "1", "hb-" + UUID.randomUUID().toString().substring(0, 8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        events.heartbeat(UUID.randomUUID().toString(), device, Heartbeat.newBuilder().setIpAddress(net + "1").setPrefixLength(24)
                .setFreeStorageBytes(111).setUsableStorageBytes(222).setBootTimeUnixMs(1_600_000_000_000L).setBusy(true)
                .setClientVersion("1.2.0"), now.plusSeconds(1), now.plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().body("heartbeats", equalTo(1)));
        JsonPath peer = given().get("/peers/" + device).then().extract().jsonPath();
        assertThat(peer.getLong("freeStorageBytes")).isEqualTo(111);
        assertThat(peer.getLong("usableStorageBytes")).isEqualTo(222);
        assertThat(peer.getBoolean("busy")).isTrue();
        assertThat(peer.getString("clientVersion")).isEqualTo("1.2.0");
        assertThat(Instant.parse(peer.getString("bootTime"))).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
        assertThat(Instant.parse(peer.getString("lastSeen"))).isEqualTo(now.plusSeconds(1));
        assertThat(peer.getBoolean("active")).isTrue();

        // sent before the one applied, delivered after it
        events.heartbeat(UUID.randomUUID().toString(), device, Heartbeat.newBuilder().setIpAddress(net + "1")
                .setFreeStorageBytes(999).setClientVersion("1.1.0"), now.minusSeconds(30), now.minusSeconds(30));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().body("heartbeats", equalTo(2)));
        JsonPath after = given().get("/peers/" + device).then().extract().jsonPath();
        assertThat(after.getLong("freeStorageBytes")).isEqualTo(111);
        assertThat(after.getString("clientVersion")).isEqualTo("1.2.0");
        assertThat(Instant.parse(after.getString("lastSeen"))).isEqualTo(now.plusSeconds(1));
    }

    @Test
    void theSameHeartbeatDeliveredTwiceCountsOnceAndOneOfAnUnknownDeviceIsSkipped() {
        String device = events.register(PeerEvents.subnet() + "1", "hb2");
        String event = UUID.randomUUID().toString();
        String duplicates = "cascade_metadata_events_duplicate_total{type=\"" + PeerEvents.HEARTBEAT + "\"";
        double unknownBefore = PeerEvents.metric("cascade_metadata_heartbeats_total{outcome=\"unknown_peer\"");
        double duplicatesBefore = PeerEvents.metric(duplicates);
        events.heartbeat(event, device, Heartbeat.newBuilder().setFreeStorageBytes(5), Instant.now(), Instant.now());
        events.heartbeat(event, device, Heartbeat.newBuilder().setFreeStorageBytes(5), Instant.now(), Instant.now());
        String stranger = UUID.randomUUID().toString();
        events.heartbeat(UUID.randomUUID().toString(), stranger, Heartbeat.newBuilder(), Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                PeerEvents.metric("cascade_metadata_heartbeats_total{outcome=\"unknown_peer\"")).isEqualTo(unknownBefore + 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(PeerEvents.metric(duplicates)).isEqualTo(duplicatesBefore + 1));
        given().get("/peers/" + device).then().body("heartbeats", equalTo(1));
        given().get("/peers/" + stranger).then().statusCode(404);
    }

    @Test
    void aHeartbeatFromANewAddressPlacesThePeerInTheOfficeOfThatAddress() {
        String net = PeerEvents.subnet();
        String device = events.register(net + "1", "before-move");
        FakeNeighbours.topology.place(net + "77", "after-move", "After the move");

        events.heartbeat(UUID.randomUUID().toString(), device, Heartbeat.newBuilder().setIpAddress(net + "77").setPrefixLength(24),
                Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then()
                .body("ipAddress", equalTo(net + "77"))
                .body("office.officeId", equalTo("after-move")));
    }

    @Test
    void peersAreActiveWithinTheHeartbeatTtlAndCountedPerOffice() {
        String office = "cnt-" + UUID.randomUUID().toString().substring(0, 8);
        String net = PeerEvents.subnet();
        String active = events.register(net + "1", office);
        String inactive = UUID.randomUUID().toString();
        FakeNeighbours.topology.place(net + "2", office, "Office " + office);
        events.register(inactive, net + "2", Instant.now().minus(Duration.ofMinutes(10)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + inactive).then().statusCode(200)
                .body("office.officeId", equalTo(office)));

        given().get("/peers/" + inactive).then().body("active", equalTo(false));
        given().queryParam("officeId", office).queryParam("active", true).get("/peers").then()
                .body("items.deviceId", equalTo(List.of(active)));
        given().queryParam("officeId", office).queryParam("active", false).get("/peers").then()
                .body("items.deviceId", equalTo(List.of(inactive)));
        List<Map<String, Object>> counts = given().get("/peers/count/by-office").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.officeId == '" + office + "' }");
        assertThat(counts).singleElement().satisfies(count -> {
            assertThat(count.get("total")).isEqualTo(2);
            assertThat(count.get("active")).isEqualTo(1);
            assertThat(count.get("officeName")).isEqualTo("Office " + office);
        });

        // a heartbeat makes it active again
        events.heartbeat(UUID.randomUUID().toString(), inactive, Heartbeat.newBuilder().setIpAddress(net + "2"), Instant.now(),
                Instant.now());
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + inactive).then().body("active", equalTo(true)));
        given().queryParam("active", "sometimes").get("/peers").then().statusCode(400);
        assertThat(PeerEvents.metric("cascade_metadata_peers_active")).isPositive();
    }

    @Test
    void inventoryReportsReplaceHoldingsAndAnOlderReportDeliveredLateChangesNothing() {
        String device = UUID.randomUUID().toString(); // reports need no registration
        events.inventory(device, 100, true,
                holding("inv-a", ContentState.CONTENT_STATE_DOWNLOADING, 10, 4, null),
                holding("inv-b", ContentState.CONTENT_STATE_CACHED, 3, 3, null));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device + "/inventory").then().statusCode(200)
                .body("contentId", equalTo(List.of("inv-a", "inv-b"))));
        JsonPath first = given().get("/peers/" + device + "/inventory").then().extract().jsonPath();
        assertThat(first.getInt("[0].piecesHeld")).isEqualTo(4);
        assertThat(first.getInt("[0].pieceCount")).isEqualTo(10);
        assertThat(first.getString("[0].state")).isEqualTo("DOWNLOADING");
        assertThat(first.getString("[1].state")).isEqualTo("CACHED");

        // partial: only inv-a changes
        events.inventory(device, 200, false, holding("inv-a", ContentState.CONTENT_STATE_PAUSED, 10, 6, "WAN busy"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device + "/inventory").then()
                .body("[0].state", equalTo("PAUSED"))
                .body("[0].detail", equalTo("WAN busy"))
                .body("[0].piecesHeld", equalTo(6))
                .body("[1].state", equalTo("CACHED")));

        // older than 200, delivered late: ignored
        String late = UUID.randomUUID().toString();
        events.inventory(late, device, 150, true, holding("inv-c", ContentState.CONTENT_STATE_INSTALLED, 1, 1, null));
        // complete: inv-b evicted, inv-a removed explicitly, inv-d new
        events.inventory(device, 300, true, holding("inv-a", ContentState.CONTENT_STATE_REMOVED, 10, 0, null),
                holding("inv-d", ContentState.CONTENT_STATE_FAILED, 5, 0, "disk full"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device + "/inventory").then()
                .body("contentId", equalTo(List.of("inv-d")))
                .body("[0].detail", equalTo("disk full"))
                .body("[0].reportSequence", equalTo(300)));
        assertThat(PeerEvents.metric("cascade_metadata_inventory_reports_total{outcome=\"out_of_order\"")).isPositive();
    }

    @Test
    void theSameInventoryEventTwiceAppliesOnceAndABadReportGoesToTheDeadLetterTopic() {
        String device = UUID.randomUUID().toString();
        String event = UUID.randomUUID().toString();
        events.inventory(event, device, 10, true, holding("dup-a", ContentState.CONTENT_STATE_CACHED, 2, 2, null));
        events.inventory(event, device, 10, true, holding("dup-a", ContentState.CONTENT_STATE_CACHED, 2, 2, null));
        String bad = UUID.randomUUID().toString();
        events.inventory(bad, device, 20, true, holding("dup-a", ContentState.CONTENT_STATE_UNSPECIFIED, 2, 2, null));
        String tooLong = UUID.randomUUID().toString();
        events.inventory(tooLong, device, 30, true, holding("dup-b", ContentState.CONTENT_STATE_CACHED, 2, 2, null).toBuilder()
                .setPieces(com.google.protobuf.ByteString.copyFrom(new byte[3])).build());

        String dlq = Topics.deadLetter(Topics.PEER_INVENTORY, "metadata-service");
        awaitDeadLetter(dlq, bad, "dup-a", "state is unspecified");
        awaitDeadLetter(dlq, tooLong, "dup-b", "pieces is 3 bytes");
        given().get("/peers/" + device + "/inventory").then()
                .body("contentId", equalTo(List.of("dup-a")))
                .body("[0].reportSequence", equalTo(10))
                .body("contentId", not(hasItem("dup-b")));
    }

    @Test
    void aBadInventoryReportLargerThanOneMebibyteReachesTheDeadLetterTopicAndTheNextReportApplies() {
        String dlq = Topics.deadLetter(Topics.PEER_INVENTORY, "metadata-service");
        events.kafka.allowLargeRecords(Topics.PEER_INVENTORY, dlq); // as deploy/k8s/11-kafka-topics.yaml declares them
        String device = UUID.randomUUID().toString();
        String large = UUID.randomUUID().toString();
        int bitmap = 3 * 1024 * 1024 / 2; // beyond the 1 MiB a Kafka producer sends by default
        events.inventory(large, device, 10, true, holding("big-a", ContentState.CONTENT_STATE_CACHED, 2, 2, null).toBuilder()
                .setPieces(com.google.protobuf.ByteString.copyFrom(new byte[bitmap])).build());
        events.inventory(device, 20, true, holding("big-b", ContentState.CONTENT_STATE_CACHED, 2, 2, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.kafka.read(dlq, 1000, Duration.ofSeconds(5)))
                .anySatisfy(record -> {
                    assertThat(header(record, "cascade-event-id")).isEqualTo(large);
                    assertThat(header(record, "dead-letter-reason")).contains("big-a", "pieces is " + bitmap + " bytes");
                    assertThat(record.value().length).isGreaterThan(bitmap);
                }));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device + "/inventory").then()
                .body("contentId", equalTo(List.of("big-b"))));
    }

    @Test
    void aPeersRejectOfAServerMessageIsKeptOnThePeerCountedByReasonAndItsAcksCounted() {
        String device = events.register(PeerEvents.subnet() + "1", "rj");
        String rejects = "cascade_metadata_peer_rejects_total{reason=\"malformed_payload\"";
        String duplicates = "cascade_metadata_events_duplicate_total{type=\"" + PeerEvents.REPLY + "\"";
        double rejectsBefore = PeerEvents.metric(rejects);
        double acksBefore = PeerEvents.metric("cascade_metadata_peer_acks_total");
        double duplicatesBefore = PeerEvents.metric(duplicates);
        given().get("/peers/" + device).then().body("rejects", equalTo(0)).body("lastReject", nullValue());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        events.reply(UUID.randomUUID().toString(), device, ACK, Ack.newBuilder().setAckedSequence(7).setEventId("e7").build(), now);
        String newest = UUID.randomUUID().toString();
        events.reply(newest, device, REJECT, reject(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD,
                "SOURCE_PLAN: action has a value this version does not know"), now);
        events.reply(newest, device, REJECT, reject(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD, "the same event again"), now);
        // received before the newest, delivered after it: counted, but the newest stays the last
        events.reply(UUID.randomUUID().toString(), device, REJECT, reject(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD,
                "DEPLOYMENT_NOTICE: an older one"), now.minusSeconds(60));

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().body("rejects", equalTo(2)));
        JsonPath peer = given().get("/peers/" + device).then().extract().jsonPath();
        assertThat(Instant.parse(peer.getString("lastReject.at"))).isEqualTo(now);
        assertThat(peer.getString("lastReject.reason")).isEqualTo("malformed_payload");
        assertThat(peer.getString("lastReject.detail")).isEqualTo("SOURCE_PLAN: action has a value this version does not know");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(PeerEvents.metric(rejects) - rejectsBefore).isEqualTo(2);
            assertThat(PeerEvents.metric(duplicates) - duplicatesBefore).isEqualTo(1);
            assertThat(PeerEvents.metric("cascade_metadata_peer_acks_total") - acksBefore).isEqualTo(1);
        });
    }

    @Test
    void aRejectOfAnUnknownDeviceIsCountedAndAReplyThatIsNeitherAckNorRejectGoesToTheDeadLetterTopic() {
        String stranger = UUID.randomUUID().toString();
        String unknownReason = "cascade_metadata_peer_rejects_total{reason=\"unknown\"";
        double before = PeerEvents.metric(unknownReason);
        events.reply(UUID.randomUUID().toString(), stranger, REJECT, Reject.newBuilder().setReasonValue(42)
                .setDetail("a reason from a newer peer").build(), Instant.now());
        String notAReply = UUID.randomUUID().toString();
        events.reply(notAReply, stranger, 0x06, Ack.getDefaultInstance(), Instant.now());
        String badPayload = UUID.randomUUID().toString();
        PeerReplyReceived garbled = PeerReplyReceived.newBuilder().setEventId(badPayload).setDeviceId(stranger)
                .setMessageType(REJECT).setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build();
        events.kafka.send(Topics.PEER_REPLIES, stranger, garbled.toByteArray(), badPayload, PeerEvents.REPLY);

        await().atMost(WAIT).untilAsserted(() -> assertThat(PeerEvents.metric(unknownReason) - before).isEqualTo(1));
        String dlq = Topics.deadLetter(Topics.PEER_REPLIES, "metadata-service");
        awaitDeadLetter(dlq, notAReply, "message_type 0x6", "neither ACK");
        awaitDeadLetter(dlq, badPayload, "does not parse as a Reject");
        given().get("/peers/" + stranger).then().statusCode(404);
    }

    /** Waits until {@code dlq} holds the record of {@code eventId} with a reason containing each of {@code reasonParts}. */
    private void awaitDeadLetter(String dlq, String eventId, String... reasonParts) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.kafka.read(dlq, 1000, Duration.ofSeconds(5)))
                .anySatisfy(record -> {
                    assertThat(header(record, "cascade-event-id")).isEqualTo(eventId);
                    assertThat(header(record, "dead-letter-reason")).contains(reasonParts);
                }));
    }

    private static Reject reject(RejectReason reason, String detail) {
        return Reject.newBuilder().setReason(reason).setRejectedSequence(9).setDetail(detail).build();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
