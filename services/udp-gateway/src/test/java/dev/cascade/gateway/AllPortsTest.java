package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.ControlSignal;
import dev.cascade.contracts.v1.ControlSignalReceived;
import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every server port is bound, takes only its message types, and publishes each family to its own topic. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class AllPortsTest extends GatewayTestSupport {

    private static final List<String> PORTS = List.of("small-messages", "small-replies", "large-replies-foreground",
            "large-messages-foreground", "large-replies-background", "large-messages-background", "control");

    @Test
    void statusListsEveryServerPortEachBoundToItsOwnPort() {
        List<String> names = given().get("/gateway/status").then().statusCode(200).extract().jsonPath()
                .getList("udpPorts.name", String.class);
        List<Integer> ports = given().get("/gateway/status").then().extract().jsonPath()
                .getList("udpPorts.port", Integer.class);

        assertThat(names).containsExactlyElementsOf(PORTS);
        assertThat(ports).doesNotContain(0).doesNotHaveDuplicates();
    }

    @Test
    void anActivationFromTheConnectorIsPublishedAndAcknowledgedWithTheConnectorKey() throws Exception {
        ActivationRequest activation = ActivationRequest.newBuilder().setLicenseKey("LIC-1234").setServerName("cascade-1")
                .setServerIp("10.0.0.5").setConnectorVersion("1.2.0").build();
        try (TestPeer connector = new TestPeer(connectorKey())) {
            Reply reply = connector.request(MessageType.ACTIVATE, activation.toByteArray());

            assertThat(reply).as("an ACK tagged with the connector key").isInstanceOf(Reply.Acked.class);
            Ack ack = ((Reply.Acked) reply).ack();
            ConsumerRecord<String, byte[]> record = onlyRecord(Topics.CONNECTOR_REQUESTS, connector.id.toString());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_TYPE))
                    .isEqualTo("cascade.v1.ConnectorRequestReceived");
            ConnectorRequestReceived event = ConnectorRequestReceived.parseFrom(record.value());
            assertThat(event.getActivate()).isEqualTo(activation);
            assertThat(event.getConnectorId()).isEqualTo(connector.id.toString());
            assertThat(event.getSequence()).isEqualTo(ack.getAckedSequence());
            assertThat(event.getSourceAddress()).isEqualTo("127.0.0.1:" + connector.port());
            assertThat((long) event.getKeyId()).isEqualTo(connector.key.id());
        }
    }

    @Test
    void connectorRequestsAreValidatedAndRefusedWithASignedRejectNamingTheField() throws Exception {
        AppMetadata metadata = AppMetadata.newBuilder().setContentId("blob-1").setSizeBytes(10).setPieceSize(4)
                .setSha256(ByteString.copyFrom(new byte[32]))
                .addPieceHashes(ByteString.copyFrom(new byte[32])).addPieceHashes(ByteString.copyFrom(new byte[32]))
                .build(); // 10 bytes in pieces of 4: three hashes expected
        try (TestPeer connector = new TestPeer(connectorKey())) {
            Reply.Rejected pieces = rejected(connector.request(MessageType.APP_METADATA, metadata.toByteArray()));
            assertThat(pieces.authenticated()).isTrue();
            assertThat(pieces.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);
            assertThat(pieces.reject().getDetail()).startsWith("piece_hashes").contains("expected 3");

            Reply.Rejected version = rejected(connector.request(MessageType.STATUS_REQUEST,
                    StatusRequest.newBuilder().setConnectorVersion("2.0.0").build().toByteArray()));
            assertThat(version.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION);
            // a 7-byte request leaves no room for the detail (no amplification); the range is what counts
            assertThat(version.reject().getSupportedClientVersions().getMin()).isEqualTo("1.0.0");
            assertThat(version.reject().getSupportedClientVersions().getMax()).isEqualTo("1.99.99");

            Reply accepted = connector.request(MessageType.APP_METADATA, metadata.toBuilder()
                    .addPieceHashes(ByteString.copyFrom(new byte[32])).build().toByteArray());
            assertThat(accepted).isInstanceOf(Reply.Acked.class);
        }
    }

    @Test
    void aConnectorMessageTaggedWithTheFleetKeyIsRefused() throws Exception {
        double before = rejected(DropReason.UNKNOWN_KEY);
        try (TestPeer impostor = new TestPeer(fleetKey())) {
            Reply reply = impostor.request(MessageType.STATUS_REQUEST,
                    StatusRequest.newBuilder().setConnectorVersion("1.0.0").build().toByteArray());

            assertThat(rejected(reply).reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
            assertThat(rejected(DropReason.UNKNOWN_KEY)).isGreaterThan(before);
        }
    }

    @Test
    void aPeersAckOnTheSmallRepliesPortIsPublishedAndNotAnswered() throws Exception {
        Ack ack = Ack.newBuilder().setAckedSequence(123_456).setEventId("e-1").build();
        try (TestPeer peer = new TestPeer(fleetKey(), TestPeer.gatewayAddress("small-replies"))) {
            peer.sendRaw(peer.encode(MessageType.ACK, ack.toByteArray()));

            PeerReplyReceived event = PeerReplyReceived.parseFrom(
                    awaitRecord(Topics.PEER_REPLIES, peer.id.toString()).value());
            assertThat(event.getMessageType()).isEqualTo(MessageType.ACK.code());
            assertThat(Ack.parseFrom(event.getPayload())).isEqualTo(ack);
            assertThat(peer.nextReply(Duration.ofMillis(500))).as("no ACK of an ACK").isEmpty();
        }
    }

    @Test
    void aControlSignalIsPublishedAndNotAnswered() throws Exception {
        ControlSignal signal = ControlSignal.newBuilder().setKind(ControlSignal.Kind.KIND_PAUSE).setTransferId(9)
                .setContentId("blob-9").build();
        try (TestPeer peer = new TestPeer(fleetKey(), TestPeer.gatewayAddress("control"))) {
            peer.sendRaw(peer.encode(MessageType.CONTROL, signal.toByteArray()));

            ControlSignalReceived event = ControlSignalReceived.parseFrom(
                    awaitRecord(Topics.PEER_CONTROL, peer.id.toString()).value());
            assertThat(event.getSignal()).isEqualTo(signal);
            assertThat(event.getGatewayId()).isEqualTo("gateway-test");
            assertThat(peer.nextReply(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void fragmentsOnTheLargeMessagePortsGoToReassemblyAndFragmentAcksOnTheLargeReplyPortsAreCounted() throws Exception {
        double inconsistent = counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "inconsistent");
        double fragmentAcks = counter(GatewayMetrics.ACCEPTED, "type", "fragment_ack");
        double unmatched = counter(GatewayMetrics.FRAGMENT_ACKS_UNMATCHED);
        double unknownType = rejected(DropReason.UNKNOWN_TYPE);
        byte[] fragment = Fragment.newBuilder().setMessageId(1).setMessageType(MessageType.APP_METADATA.code())
                .setTotalLength(3).setFragmentSize(3).setIndex(0).setData(ByteString.copyFromUtf8("abc")).build()
                .toByteArray(); // fragment_size below 512: refused as inconsistent (protocol.md §10.5)
        for (String port : List.of("large-messages-foreground", "large-messages-background")) {
            try (TestPeer peer = new TestPeer(connectorKey(), TestPeer.gatewayAddress(port))) {
                peer.sendRaw(peer.encode(MessageType.FRAGMENT, fragment));
                peer.sendRaw(peer.encode(MessageType.FRAGMENT_ACK, new byte[0])); // not on a large-messages port
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "inconsistent"))
                                .isEqualTo(inconsistent + (port.endsWith("foreground") ? 1 : 2)));
            }
        }
        for (String port : List.of("large-replies-foreground", "large-replies-background")) {
            try (TestPeer peer = new TestPeer(fleetKey(), TestPeer.gatewayAddress(port))) {
                peer.sendRaw(peer.encode(MessageType.FRAGMENT_ACK,
                        FragmentAck.newBuilder().setMessageId(1).setFragmentCount(1).build().toByteArray()));
            }
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counter(GatewayMetrics.ACCEPTED, "type", "fragment_ack")).isEqualTo(fragmentAcks + 2);
            assertThat(counter(GatewayMetrics.FRAGMENT_ACKS_UNMATCHED)).isEqualTo(unmatched + 2);
            assertThat(rejected(DropReason.UNKNOWN_TYPE)).isEqualTo(unknownType + 2);
        });
    }

    @Test
    void aPortRefusesTheTypesOfOtherPortsAndEveryPortCountsWhatItReceives() throws Exception {
        double unknownType = rejected(DropReason.UNKNOWN_TYPE);
        int controlPort = TestPeer.gatewayAddress("control").getPort();
        int repliesPort = TestPeer.gatewayAddress("small-replies").getPort();
        double controlReceived = counter(GatewayMetrics.RECEIVED, "port", Integer.toString(controlPort));
        try (TestPeer peer = new TestPeer(fleetKey(), TestPeer.gatewayAddress("control"))) {
            peer.sendRaw(peer.encode(TestPeer.registration("pc-wrong-port", "1.0.0"), System.currentTimeMillis()));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(rejected(DropReason.UNKNOWN_TYPE)).isEqualTo(unknownType + 1);
                assertThat(counter(GatewayMetrics.RECEIVED, "port", Integer.toString(controlPort)))
                        .isEqualTo(controlReceived + 1);
            });
            assertThat(peer.nextReply(Duration.ofMillis(500))).isEmpty();
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_gateway_datagrams_received_total{port=\"" + repliesPort + "\"}",
                "cascade_gateway_datagrams_accepted_total{type=\"activate\"}",
                "cascade_gateway_datagrams_accepted_total{type=\"control\"}",
                "cascade_gateway_fragment_refusals_total{reason=\"too_large\"}",
                "cascade_gateway_large_messages_total{outcome=\"completed\",type=\"app_metadata\"}",
                "cascade_gateway_reassembly_bytes", "cascade_gateway_reassembly_messages");
    }

    private WireKey connectorKey() {
        return KeyFile.current(keyFile, KeyPurpose.CONNECTOR);
    }

    private static Reply.Rejected rejected(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Rejected.class);
        return (Reply.Rejected) reply;
    }

    private ConsumerRecord<String, byte[]> onlyRecord(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(bootstrapServers)
                .read(topic, Integer.MAX_VALUE, Duration.ofSeconds(4)).stream()
                .filter(record -> key.equals(record.key())).toList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ConsumerRecord<String, byte[]>> found = new KafkaTestClient(bootstrapServers)
                    .read(topic, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .filter(record -> key.equals(record.key())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("no record keyed " + key + " on " + topic);
    }
}
