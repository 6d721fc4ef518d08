package dev.cascade.wire;

import static dev.cascade.wire.SampleMessages.AT;
import static dev.cascade.wire.SampleMessages.PEER_A;
import static dev.cascade.wire.SampleMessages.PEER_B;
import static dev.cascade.wire.SampleMessages.cached;
import static dev.cascade.wire.SampleMessages.downloading;
import static dev.cascade.wire.SampleMessages.heartbeat;
import static dev.cascade.wire.SampleMessages.inventory;
import static dev.cascade.wire.SampleMessages.planRequest;
import static dev.cascade.wire.SampleMessages.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;

/** HEARTBEAT, INVENTORY_REPORT, TRANSFER_REPORT and PLAN_REQUEST: what validates, and each rule that refuses. */
class PeerReportDecodingTest {

    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of(MessageType.HEARTBEAT, heartbeat().build()),
                Arguments.of(MessageType.HEARTBEAT, heartbeat().setIpAddress("2001:db8::7").setPrefixLength(128)
                        .setBootTimeUnixMs(0).setClientVersion("1.5.0-beta.1").build()),
                Arguments.of(MessageType.INVENTORY_REPORT, inventory().build()),
                Arguments.of(MessageType.INVENTORY_REPORT, InventoryReport.newBuilder().setReportSequence(1)
                        .setComplete(true).build()),
                Arguments.of(MessageType.INVENTORY_REPORT, inventory(2_000, 100).build()),
                Arguments.of(MessageType.INVENTORY_REPORT, InventoryReport.newBuilder().setReportSequence(2)
                        .addHoldings(ContentHolding.newBuilder().setContentId("gone")
                                .setState(ContentState.CONTENT_STATE_REMOVED).setPieceCount(3)
                                .setPieces(ByteString.copyFrom(new byte[1])))
                        .build()),
                Arguments.of(MessageType.TRANSFER_REPORT, transfer().build()),
                Arguments.of(MessageType.TRANSFER_REPORT, transfer().setCompleted(false).setFailureDetail("no source left")
                        .setDeploymentId("").clearBytesBySource().setFinishedUnixMs(AT - 60_000).build()),
                Arguments.of(MessageType.PLAN_REQUEST, planRequest().build()),
                Arguments.of(MessageType.PLAN_REQUEST, planRequest().setDeploymentId("").clearAvoidDeviceIds().build()));
    }

    /** Encoded, tagged, verified and decoded again: the same message, every field kept. */
    @ParameterizedTest
    @MethodSource("validMessages")
    void validMessagesRoundTripThroughADatagram(MessageType type, Message message) {
        WireKey key = FuzzKeys.FLEET;
        byte[] payload = message.toByteArray();
        long now = AT;
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(16), Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), EnumSet.of(type));
        byte[] datagram = payload.length <= DatagramCodec.MAX_PAYLOAD_SIZE
                ? DatagramCodec.encode(type, UUID.fromString(PEER_A), key, 1, now, payload) : null;

        if (datagram != null) {
            Verification verification = verifier.verify(datagram, datagram.length);
            assertThat(verification).isInstanceOf(Verification.Accepted.class);
            payload = ((Verification.Accepted) verification).datagram().payload();
        }
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);

        assertThat(decoded).isInstanceOf(DecodedPayload.Valid.class);
        assertThat(((DecodedPayload.Valid) decoded).message()).isEqualTo(message);
    }

    static Stream<Arguments> brokenMessages() {
        String tooLongId = "c".repeat(PayloadLimits.MAX_ID_LENGTH + 1);
        return Stream.of(
                // HEARTBEAT
                broken(MessageType.HEARTBEAT, heartbeat().setIpAddress(""), "ip_address", "is empty"),
                broken(MessageType.HEARTBEAT, heartbeat().setIpAddress("pc-0042.example.com"), "ip_address",
                        "not an IPv4 or IPv6 address literal"),
                broken(MessageType.HEARTBEAT, heartbeat().setPrefixLength(33), "prefix_length", "exceeds 32"),
                broken(MessageType.HEARTBEAT, heartbeat().setIpAddress("::1").setPrefixLength(129), "prefix_length",
                        "exceeds 128"),
                broken(MessageType.HEARTBEAT, heartbeat().setBootTimeUnixMs(-1), "boot_time_unix_ms", "outside 0.."),
                broken(MessageType.HEARTBEAT, heartbeat().setClientVersion(""), "client_version", "MAJOR.MINOR.PATCH"),
                // INVENTORY_REPORT
                broken(MessageType.INVENTORY_REPORT, inventory().setReportSequence(0), "report_sequence", "is 0"),
                broken(MessageType.INVENTORY_REPORT, inventory(PayloadLimits.MAX_HOLDINGS + 1, 1), "holdings",
                        "at most 10000"),
                broken(MessageType.INVENTORY_REPORT, inventory().addHoldings(cached("blob-7", 1)), "holdings",
                        "holdings[3].content_id 'blob-7' is listed twice"),
                broken(MessageType.INVENTORY_REPORT, inventory(40, 1).addHoldings(cached("content-17", 1)), "holdings",
                        "holdings[40].content_id 'content-17' is listed twice"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(1, cached("", 1)),
                        "holdings[1].content_id", "content_id is empty"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(1, cached(tooLongId, 1)),
                        "holdings[1].content_id", "257 characters; expected 1..256"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(1, cached("blob\u0000", 1)),
                        "holdings[1].content_id", "'blob\\u0000' contains a control character"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a").setDeploymentId("x")),
                        "holdings[0].deployment_id", "'x' is not a UUID"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setDeploymentId(SampleMessages.DEPLOYMENT.toUpperCase())), "holdings[0].deployment_id",
                        "lower-case"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setState(ContentState.CONTENT_STATE_UNSPECIFIED)), "holdings[0].state", "unspecified"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a").setStateValue(99)),
                        "holdings[0].state", "does not know"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setPieces(ByteString.copyFrom(new byte[] {0x27}))), "holdings[0].pieces",
                        "has 1 bytes; 12 pieces need exactly 2"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setPieces(ByteString.copyFrom(new byte[] {0x27, 0x02, 0}))), "holdings[0].pieces",
                        "has 3 bytes; 12 pieces need exactly 2"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setPieces(ByteString.copyFrom(new byte[] {0x27, 0x12}))), "holdings[0].pieces",
                        "marks a piece at or above piece_count 12"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setPieceCount(PayloadLimits.MAX_PIECE_COUNT + 1)), "holdings[0].piece_count", "exceeds 4194304"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setState(ContentState.CONTENT_STATE_CACHED)), "holdings[0].pieces",
                        "marks 5 of 12 pieces but state is CACHED"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setState(ContentState.CONTENT_STATE_REMOVED)), "holdings[0].pieces", "marks 5 pieces but state is REMOVED"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setDetail("d".repeat(1025))), "holdings[0].detail", "1025 characters; expected 0..1024"),
                broken(MessageType.INVENTORY_REPORT, inventory().setHoldings(0, downloading("a")
                        .setChangedAtUnixMs(PayloadLimits.MAX_TIMESTAMP_MS + 1)), "holdings[0].changed_at_unix_ms",
                        "outside 0..253402300799999"),
                // TRANSFER_REPORT
                broken(MessageType.TRANSFER_REPORT, transfer().setTransferId(""), "transfer_id", "'' is not a UUID"),
                broken(MessageType.TRANSFER_REPORT, transfer().setTransferId("a3c2e1f01234-4abc-9def-0123456789ab0"),
                        "transfer_id", "not a UUID"),
                broken(MessageType.TRANSFER_REPORT, transfer().setContentId(""), "content_id", "is empty"),
                broken(MessageType.TRANSFER_REPORT, transfer().setDeploymentId("deployment-1"), "deployment_id",
                        "not a UUID"),
                broken(MessageType.TRANSFER_REPORT, transfer().addBytesBySource(SourceBytes.newBuilder()),
                        "bytes_by_source", "bytes_by_source[2].source_class is unspecified"),
                broken(MessageType.TRANSFER_REPORT, transfer().addBytesBySource(SourceBytes.newBuilder()
                        .setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN).setBytes(1)), "bytes_by_source",
                        "bytes_by_source[2].source_class SOURCE_CLASS_ORIGIN is listed twice"),
                broken(MessageType.TRANSFER_REPORT, transfer().setStartedUnixMs(0), "started_unix_ms", "is 0"),
                broken(MessageType.TRANSFER_REPORT, transfer().setStartedUnixMs(-5), "started_unix_ms", "outside 0.."),
                broken(MessageType.TRANSFER_REPORT, transfer().setFinishedUnixMs(AT - 60_001), "finished_unix_ms",
                        "is before started_unix_ms"),
                broken(MessageType.TRANSFER_REPORT, transfer().addBadPeerIds("pc-0042"), "bad_peer_ids",
                        "bad_peer_ids[1] 'pc-0042' is not a UUID"),
                broken(MessageType.TRANSFER_REPORT, transfer().setBadPieces(3).addBadPeerIds(PEER_B), "bad_peer_ids",
                        "bad_peer_ids[1] '" + PEER_B + "' is listed twice"),
                broken(MessageType.TRANSFER_REPORT, transfer().setBadPieces(1).addBadPeerIds(PEER_A), "bad_pieces",
                        "bad_pieces 1 is below the 2 bad_peer_ids"),
                broken(MessageType.TRANSFER_REPORT, transfer().setCompleted(false), "failure_detail",
                        "a transfer that did not complete says why"),
                broken(MessageType.TRANSFER_REPORT, transfer().setFailureDetail("x".repeat(1025)), "failure_detail",
                        "expected 0..1024"),
                // PLAN_REQUEST
                broken(MessageType.PLAN_REQUEST, planRequest().setContentId(""), "content_id", "is empty"),
                broken(MessageType.PLAN_REQUEST, planRequest().setDeploymentId("7"), "deployment_id", "not a UUID"),
                broken(MessageType.PLAN_REQUEST, planRequest().addAvoidDeviceIds(""), "avoid_device_ids",
                        "avoid_device_ids[1] '' is not a UUID"),
                broken(MessageType.PLAN_REQUEST, planRequest().addAvoidDeviceIds(PEER_B), "avoid_device_ids",
                        "is listed twice"),
                broken(MessageType.PLAN_REQUEST, tooManyAvoided(), "avoid_device_ids", "257 entries; at most 256"),
                broken(MessageType.PLAN_REQUEST, planRequest().setReplyPort(70_000), "reply_port", "70000 is not a UDP port"));
    }

    private static Arguments broken(MessageType type, Message.Builder message, String field, String detail) {
        return Arguments.of(type, message.build(), field, detail);
    }

    private static Message.Builder tooManyAvoided() {
        var request = planRequest().clearAvoidDeviceIds();
        for (int i = 0; i <= PayloadLimits.MAX_AVOID_DEVICE_IDS; i++) {
            request.addAvoidDeviceIds(new UUID(0, i).toString());
        }
        return request;
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("brokenMessages")
    void eachRuleRefusesNamingTheField(MessageType type, Message message, String field, String detail) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());

        assertThat(decoded).isInstanceOf(DecodedPayload.Malformed.class);
        DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
        assertThat(malformed.field()).isEqualTo(field);
        assertThat(malformed.detail()).startsWith(field.contains("[") ? field : field.replaceAll("\\..*", ""))
                .contains(detail);
    }

    @Test
    void aPayloadOfAnotherMessageIsNotTakenForAReport() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        for (MessageType type : EnumSet.of(MessageType.HEARTBEAT, MessageType.INVENTORY_REPORT,
                MessageType.TRANSFER_REPORT, MessageType.PLAN_REQUEST)) {
            DecodedPayload decoded = PayloadDecoder.decode(type, garbage);
            assertThat(decoded).as(type.name()).isInstanceOf(DecodedPayload.Malformed.class)
                    .extracting("field").isEqualTo("payload");
        }
    }

    @Test
    void theNewTypesAreFleetKeyedWithTheirDocumentedCodes() {
        assertThat(MessageType.fromCode(0x06)).contains(MessageType.HEARTBEAT);
        assertThat(MessageType.fromCode(0x07)).contains(MessageType.INVENTORY_REPORT);
        assertThat(MessageType.fromCode(0x08)).contains(MessageType.TRANSFER_REPORT);
        assertThat(MessageType.fromCode(0x09)).contains(MessageType.DEPLOYMENT_NOTICE);
        assertThat(MessageType.fromCode(0x0A)).contains(MessageType.PLAN_REQUEST);
        assertThat(MessageType.fromCode(0x0B)).contains(MessageType.SOURCE_PLAN);
        for (int code = 0x06; code <= 0x0B; code++) {
            assertThat(MessageType.fromCode(code).orElseThrow().requiredPurpose()).isEqualTo(KeyPurpose.FLEET);
        }
    }
}
