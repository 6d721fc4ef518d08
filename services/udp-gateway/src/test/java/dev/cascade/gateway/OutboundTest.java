package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ControlSignal;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.large.LargeMessage;
import dev.cascade.wire.large.LargeMessageReceiver;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Datagrams services put on cascade.gateway.outbound reach the peer tagged with the current key; bad ones are dead-lettered with the reason. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class OutboundTest extends GatewayTestSupport {

    private static final String DLQ = Topics.deadLetter(Topics.GATEWAY_OUTBOUND, "udp-gateway");

    @Test
    void anOutboundDatagramArrivesFromTheSmallRepliesPortTaggedWithTheCurrentFleetKey() throws Exception {
        ControlSignal signal = ControlSignal.newBuilder().setKind(ControlSignal.Kind.KIND_START).setTransferId(42).build();
        double sentBefore = counter(GatewayMetrics.OUTBOUND_SENT, "type", "control");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            UUID destination = UUID.randomUUID();
            publish(OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setDestinationId(destination.toString()).setDestinationAddress("127.0.0.1")
                    .setDestinationPort(peer.getLocalPort()).setMessageType(MessageType.CONTROL.code())
                    .setPayload(signal.toByteString()).setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build());

            byte[] buffer = new byte[65_536];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            peer.setSoTimeout(20_000);
            peer.receive(packet);

            DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(fleetKey()), new ReplayGuard(4),
                    Duration.ofMinutes(1), Clock.systemUTC(), Set.of(MessageType.CONTROL));
            Verification verification = verifier.verify(buffer, packet.getLength());
            assertThat(verification).isInstanceOf(Verification.Accepted.class);
            Datagram datagram = ((Verification.Accepted) verification).datagram();
            assertThat(ControlSignal.parseFrom(datagram.payload())).isEqualTo(signal);
            assertThat(datagram.header().keyId()).isEqualTo(fleetKey().id());
            assertThat(packet.getPort()).as("sent from the port peers' replies are taken on")
                    .isEqualTo(TestPeer.gatewayAddress("small-replies").getPort());
        }
        // counted after the socket took the datagram: the peer may have read it first
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter(GatewayMetrics.OUTBOUND_SENT, "type", "control") == sentBefore + 1);
    }

    @Test
    void anOutboundPayloadTooLargeForOneDatagramArrivesWholeAsALargeMessage() throws Exception {
        byte[] payload = new byte[300_000];
        new Random(7).nextBytes(payload);
        double delivered = counter(GatewayMetrics.OUTBOUND_LARGE, "outcome", "delivered");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            LargeMessageReceiver receiver = new LargeMessageReceiver(socket, KeyRing.of(fleetKey()),
                    new DatagramVerifier(KeyRing.of(fleetKey()), new ReplayGuard(16), Duration.ofMinutes(5),
                            Clock.systemUTC(), Set.of(MessageType.FRAGMENT)),
                    new Reassembler(ReassemblyLimits.DEFAULTS), UUID.randomUUID(), new SequenceCounter(), Clock.systemUTC());
            UUID destination = UUID.randomUUID();
            publish(OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setDestinationId(destination.toString()).setDestinationAddress("127.0.0.1")
                    .setDestinationPort(34_324).setLargeMessagePort(socket.getLocalPort())
                    .setMessageType(MessageType.DISCOVER_REPLY.code()).setPayload(ByteString.copyFrom(payload))
                    .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build());

            Optional<LargeMessage> message = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (message.isEmpty() && System.nanoTime() < deadline) {
                message = receiver.receiveOnce();
            }

            assertThat(message).as("the large message arrived").isPresent();
            assertThat(message.get().type()).isEqualTo(MessageType.DISCOVER_REPLY);
            assertThat(message.get().keyId()).isEqualTo(fleetKey().id());
            assertThat(message.get().payload()).isEqualTo(payload);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(counter(GatewayMetrics.OUTBOUND_LARGE, "outcome", "delivered")).isEqualTo(delivered + 1));
        }
    }

    @Test
    void aLargeMessageTheReceiverRefusesEndsAsRefused() throws Exception {
        double refused = counter(GatewayMetrics.OUTBOUND_LARGE, "outcome", "refused");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            LargeMessageReceiver receiver = new LargeMessageReceiver(socket, KeyRing.of(fleetKey()),
                    new DatagramVerifier(KeyRing.of(fleetKey()), new ReplayGuard(16), Duration.ofMinutes(5),
                            Clock.systemUTC(), Set.of(MessageType.FRAGMENT)),
                    new Reassembler(ReassemblyLimits.DEFAULTS.withMaxMessageBytes(100_000)), UUID.randomUUID(),
                    new SequenceCounter(), Clock.systemUTC());
            publish(OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setDestinationId(UUID.randomUUID().toString()).setDestinationAddress("127.0.0.1")
                    .setDestinationPort(34_324).setLargeMessagePort(socket.getLocalPort())
                    .setMessageType(MessageType.DISCOVER_REPLY.code()).setPayload(ByteString.copyFrom(new byte[200_000]))
                    .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build());

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (counter(GatewayMetrics.OUTBOUND_LARGE, "outcome", "refused") == refused
                    && System.nanoTime() < deadline) {
                assertThat(receiver.receiveOnce()).as("nothing above the receiver's limit is reassembled").isEmpty();
            }
        }
        assertThat(counter(GatewayMetrics.OUTBOUND_LARGE, "outcome", "refused")).isEqualTo(refused + 1);
    }

    @Test
    void outboundDatagramsTheGatewayCannotSendAreDeadLetteredWithTheReason() {
        OutboundDatagram valid = OutboundDatagram.newBuilder().setEventId("x").setDestinationAddress("127.0.0.1")
                .setDestinationPort(34324).setMessageType(MessageType.CONTROL.code())
                .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build();
        Map<String, OutboundDatagram> invalid = Map.of(
                "destination_address 'pc.example.com'", valid.toBuilder().setDestinationAddress("pc.example.com").build(),
                "destination_port 0", valid.toBuilder().setDestinationPort(0).build(),
                "destination_port 70000", valid.toBuilder().setDestinationPort(70_000).build(),
                "message_type 153", valid.toBuilder().setMessageType(0x99).build(),
                "key_family KEY_FAMILY_UNSPECIFIED", valid.toBuilder().clearKeyFamily().build(),
                "ACTIVATION_RESULT must be tagged with the CONNECTOR key", valid.toBuilder()
                        .setMessageType(MessageType.ACTIVATION_RESULT.code()).build(),
                "large_message_port 70000", valid.toBuilder().setLargeMessagePort(70_000)
                        .setPayload(ByteString.copyFrom(new byte[70_000])).build());
        Map<String, String> expectedByKey = new HashMap<>();
        invalid.forEach((reason, datagram) -> {
            String key = UUID.randomUUID().toString();
            expectedByKey.put(key, reason);
            publish(key, datagram.toByteArray());
        });
        String notProtobuf = UUID.randomUUID().toString();
        expectedByKey.put(notProtobuf, "is not a cascade.v1.OutboundDatagram");
        publish(notProtobuf, new byte[] {(byte) 0xFF, (byte) 0xFF});

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
    }

    private void publish(OutboundDatagram datagram) {
        publish(datagram.getDestinationId(), datagram.toByteArray());
    }

    private void publish(String key, byte[] value) {
        new KafkaTestClient(bootstrapServers).send(Topics.GATEWAY_OUTBOUND, key, value, UUID.randomUUID().toString(),
                "cascade.v1.OutboundDatagram");
    }
}
