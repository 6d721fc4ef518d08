package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Reply;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.LargeMessage;
import dev.cascade.wire.large.LargeMessageReceiver;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The activation half of protocol.md §16 at the gateway: KEY_ROTATION_REQUEST in, the activation replies out, and
 * outbound datagrams tagged with the key their {@code key_id} names (a new key wrapped with the old one can only be
 * verified with the old one).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class ActivationMessagesTest extends GatewayTestSupport {

    private static final String DLQ = Topics.deadLetter(Topics.GATEWAY_OUTBOUND, "udp-gateway");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aKeyRotationRequestIsPublishedAsKeyRotationAndAcknowledgedWithTheConnectorKey() throws Exception {
        KeyRotationRequest request = KeyRotationRequest.newBuilder().setConnectorVersion("1.4.0").build();
        double accepted = counter(GatewayMetrics.ACCEPTED, "type", "key_rotation_request");
        try (TestPeer connector = new TestPeer(connectorKey())) {
            Reply reply = connector.request(MessageType.KEY_ROTATION_REQUEST, request.toByteArray());

            assertThat(reply).as("an ACK tagged with the connector key").isInstanceOf(Reply.Acked.class);
            Ack ack = ((Reply.Acked) reply).ack();
            ConsumerRecord<String, byte[]> record = awaitRecord(Topics.CONNECTOR_REQUESTS, connector.id.toString());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            ConnectorRequestReceived event = ConnectorRequestReceived.parseFrom(record.value());
            assertThat(event.getRequestCase()).isEqualTo(ConnectorRequestReceived.RequestCase.KEY_ROTATION);
            assertThat(event.getKeyRotation()).isEqualTo(request);
            assertThat((long) event.getKeyId()).isEqualTo(connector.key.id());
            assertThat(event.getSequence()).isEqualTo(ack.getAckedSequence());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter(GatewayMetrics.ACCEPTED, "type", "key_rotation_request") == accepted + 1);
    }

    @Test
    void aKeyRotationRequestFromAnUnsupportedConnectorOrWithTheFleetKeyIsRefused() throws Exception {
        try (TestPeer connector = new TestPeer(connectorKey()); TestPeer peer = new TestPeer(fleetKey())) {
            Reply version = connector.request(MessageType.KEY_ROTATION_REQUEST,
                    KeyRotationRequest.newBuilder().setConnectorVersion("3.0.0").build().toByteArray());
            assertThat(version).isInstanceOf(Reply.Rejected.class);
            Reply.Rejected refused = (Reply.Rejected) version;
            assertThat(refused.authenticated()).isTrue();
            assertThat(refused.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION);
            assertThat(refused.reject().getSupportedClientVersions().getMax()).isEqualTo("1.99.99");

            Reply malformed = connector.request(MessageType.KEY_ROTATION_REQUEST,
                    KeyRotationRequest.newBuilder().setConnectorVersion("one").build().toByteArray());
            assertThat(((Reply.Rejected) malformed).reject().getReason())
                    .isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);

            double unknownKey = rejected(DropReason.UNKNOWN_KEY);
            Reply impostor = peer.request(MessageType.KEY_ROTATION_REQUEST,
                    KeyRotationRequest.newBuilder().setConnectorVersion("1.0.0").build().toByteArray());
            assertThat(((Reply.Rejected) impostor).reject().getReason())
                    .isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
            assertThat(rejected(DropReason.UNKNOWN_KEY)).isGreaterThan(unknownKey);
        }
    }

    @Test
    void theServersActivationMessagesGoOutTaggedWithTheKeyOfTheirFamily() throws Exception {
        Map<MessageType, Message> messages = Map.of(
                MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder().setActivated(true).setDetail("ok").build(),
                MessageType.SERVER_STATUS, ServerStatus.newBuilder().setServerVersion("1.0.0").build(),
                MessageType.KEY_ROTATION_RESULT, KeyRotationResult.newBuilder().setRotated(true).build(),
                MessageType.CLIENT_ACTIVATION, ClientActivation.newBuilder().setActivated(true).setServerName("s").build());
        for (Map.Entry<MessageType, Message> entry : messages.entrySet()) {
            MessageType type = entry.getKey();
            KeyPurpose family = type.requiredPurpose();
            WireKey key = KeyFile.current(keyFile, family);
            double sent = counter(GatewayMetrics.OUTBOUND_SENT, "type", type.name().toLowerCase());
            try (DatagramSocket receiver = loopbackSocket()) {
                publish(outbound(type, entry.getValue().toByteString(), receiver.getLocalPort(), 0));

                Datagram datagram = receive(receiver, KeyRing.of(key), type);
                assertThat(datagram.header().keyId()).as(type + " tagged with the current " + family + " key")
                        .isEqualTo(key.id());
                assertThat(datagram.payload()).isEqualTo(entry.getValue().toByteArray());
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    counter(GatewayMetrics.OUTBOUND_SENT, "type", type.name().toLowerCase()) == sent + 1);
        }
    }

    /**
     * One test, as it rotates the connector key in the shared key file: the retired key stays usable for outbound
     * datagrams until its grace ends, keys the gateway does not hold (or no longer may use) send the record to the
     * dead-letter topic naming the key.
     */
    @Test
    void anOutboundKeyIdSelectsTheKeyAndAKeyTheGatewayCannotUseIsDeadLettered() throws Exception {
        WireKey previousConnector = connectorKey();
        WireKey fleet = fleetKey();
        WireKey newConnector = randomKey(previousConnector.id() + 500, KeyPurpose.CONNECTOR, null);
        WireKey expiredFleet = randomKey(fleet.id() + 700_000, KeyPurpose.FLEET, Instant.now().minusSeconds(60));
        KeyFile.write(keyFile, List.of(fleet, expiredFleet, newConnector,
                previousConnector.retiredUntil(Instant.now().plusSeconds(3600))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gateway/status").then()
                .body("keys.id", hasItem((int) newConnector.id())));
        KeyRing both = KeyRing.of(newConnector, previousConnector);

        try (DatagramSocket receiver = loopbackSocket()) {
            ByteString result = KeyRotationResult.newBuilder().setRotated(true).setDetail("rotated").build().toByteString();
            publish(outbound(MessageType.KEY_ROTATION_RESULT, result, receiver.getLocalPort(),
                    previousConnector.id()));
            assertThat(receive(receiver, both, MessageType.KEY_ROTATION_RESULT).header().keyId())
                    .as("the retired key named by key_id, in its grace period").isEqualTo(previousConnector.id());

            publish(outbound(MessageType.KEY_ROTATION_RESULT, result, receiver.getLocalPort(), 0));
            assertThat(receive(receiver, both, MessageType.KEY_ROTATION_RESULT).header().keyId())
                    .as("without key_id: the current key").isEqualTo(newConnector.id());
        }

        byte[] large = new byte[80_000];
        new Random(11).nextBytes(large);
        try (DatagramSocket socket = loopbackSocket()) {
            LargeMessageReceiver receiver = new LargeMessageReceiver(socket, both,
                    new DatagramVerifier(both, new ReplayGuard(16), Duration.ofMinutes(5), Clock.systemUTC(),
                            Set.of(MessageType.FRAGMENT)),
                    new Reassembler(ReassemblyLimits.DEFAULTS), UUID.randomUUID(), new SequenceCounter(),
                    Clock.systemUTC());
            publish(outbound(MessageType.KEY_ROTATION_RESULT, ByteString.copyFrom(large), 9,
                    previousConnector.id()).toBuilder().setLargeMessagePort(socket.getLocalPort()).build());
            Optional<LargeMessage> message = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (message.isEmpty() && System.nanoTime() < deadline) {
                message = receiver.receiveOnce();
            }
            assertThat(message).as("the large message arrived").isPresent();
            assertThat(message.get().keyId()).as("fragments tagged with the key_id's key")
                    .isEqualTo(previousConnector.id());
            assertThat(message.get().payload()).isEqualTo(large);
        }

        double unknownKey = counter(GatewayMetrics.OUTBOUND_FAILURES, "reason", "unknown_key");
        long missing = 4_000_000_000L;
        Map<String, OutboundDatagram> refused = Map.of(
                "key_id " + missing + " is not a key this gateway holds",
                outbound(MessageType.KEY_ROTATION_RESULT, ByteString.EMPTY, 9, missing),
                "key_id " + previousConnector.id() + " is a connector key, not a fleet key",
                outbound(MessageType.CLIENT_ACTIVATION, ByteString.EMPTY, 9, previousConnector.id()),
                "key_id " + expiredFleet.id() + " is a retired fleet key whose grace period ended",
                outbound(MessageType.CLIENT_ACTIVATION, ByteString.EMPTY, 9, expiredFleet.id()),
                "key_id " + (missing + 1) + " is not a key this gateway holds; expected the id of a current",
                outbound(MessageType.KEY_ROTATION_RESULT, ByteString.copyFrom(large), 9, missing + 1));
        Map<String, String> expectedByKey = new HashMap<>();
        refused.forEach((reason, datagram) -> {
            String key = UUID.randomUUID().toString();
            expectedByKey.put(key, reason);
            new KafkaTestClient(bootstrapServers).send(Topics.GATEWAY_OUTBOUND, key, datagram.toByteArray(),
                    UUID.randomUUID().toString(), "cascade.v1.OutboundDatagram");
        });
        Map<String, String> reasons = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reasons.keySet().containsAll(expectedByKey.keySet()) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : new KafkaTestClient(bootstrapServers)
                    .read(DLQ, Integer.MAX_VALUE, Duration.ofSeconds(2))) {
                Header reason = record.headers().lastHeader("dead-letter-reason");
                if (expectedByKey.containsKey(record.key()) && reason != null) {
                    reasons.put(record.key(), new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        expectedByKey.forEach((key, expected) -> assertThat(reasons.get(key)).as(expected).contains(expected));
        assertThat(counter(GatewayMetrics.OUTBOUND_FAILURES, "reason", "unknown_key")).isEqualTo(unknownKey + 4);
    }

    private WireKey connectorKey() {
        return KeyFile.current(keyFile, KeyPurpose.CONNECTOR);
    }

    private static WireKey randomKey(long id, KeyPurpose purpose, Instant retiredUntil) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        RANDOM.nextBytes(secret);
        return new WireKey(id, purpose, secret, retiredUntil);
    }

    private static OutboundDatagram outbound(MessageType type, ByteString payload, int port, long keyId) {
        return OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                .setDestinationId(UUID.randomUUID().toString()).setDestinationAddress("127.0.0.1")
                .setDestinationPort(port).setMessageType(type.code()).setPayload(payload)
                .setKeyFamily(type.requiredPurpose() == KeyPurpose.FLEET ? KeyFamily.KEY_FAMILY_FLEET
                        : KeyFamily.KEY_FAMILY_CONNECTOR)
                .setKeyId((int) keyId).build();
    }

    private void publish(OutboundDatagram datagram) {
        new KafkaTestClient(bootstrapServers).send(Topics.GATEWAY_OUTBOUND, datagram.getDestinationId(),
                datagram.toByteArray(), UUID.randomUUID().toString(), "cascade.v1.OutboundDatagram");
    }

    private static DatagramSocket loopbackSocket() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** The next datagram on {@code socket}, which must verify with {@code keys} as {@code type}. */
    private static Datagram receive(DatagramSocket socket, KeyRing keys, MessageType type) throws Exception {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(20_000);
        socket.receive(packet);
        Verification verification = new DatagramVerifier(keys, new ReplayGuard(4), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(type)).verify(buffer, packet.getLength());
        assertThat(verification).as("a " + type + " that verifies").isInstanceOf(Verification.Accepted.class);
        return ((Verification.Accepted) verification).datagram();
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
        throw new AssertionError("no record of " + key + " on " + topic + " within 20 s");
    }
}
