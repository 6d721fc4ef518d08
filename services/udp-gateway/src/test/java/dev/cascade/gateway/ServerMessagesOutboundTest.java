package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.large.LargeMessage;
import dev.cascade.wire.large.LargeMessageReceiver;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The server's messages to peers through cascade.gateway.outbound: a SOURCE_PLAN fits one datagram and goes
 * to the peer's small-messages port; a DEPLOYMENT_NOTICE carrying thousands of piece hashes goes as a large
 * message. Both are fleet-keyed, and what arrives passes the peer's own checks (PayloadDecoder).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class ServerMessagesOutboundTest extends GatewayTestSupport {

    @Test
    void aSourcePlanReachesThePeerInOneDatagramTaggedWithTheFleetKey() throws Exception {
        UUID device = UUID.randomUUID();
        SourcePlan plan = SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId("blob-7")
                .setOfficeId("branch-7").setAction(PlanAction.PLAN_ACTION_FETCH)
                .addSources(PlannedSource.newBuilder().setDeviceId(UUID.randomUUID().toString()).setIpAddress("10.7.0.42")
                        .setPort(34_760).setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND)
                        .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setOfficeId("branch-7")
                        .setReason("same-office peer pc-0042 holds 100 % of the pieces"))
                .setExplanation("pc-0042 in this office holds the content").build();
        double sent = counter(GatewayMetrics.OUTBOUND_SENT, "type", "source_plan");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            publish(OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setDestinationId(device.toString()).setDestinationAddress("127.0.0.1")
                    .setDestinationPort(peer.getLocalPort()).setMessageType(MessageType.SOURCE_PLAN.code())
                    .setPayload(plan.toByteString()).setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build());

            byte[] buffer = new byte[65_536];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            peer.setSoTimeout(20_000);
            peer.receive(packet);

            DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(fleetKey()), new ReplayGuard(4),
                    Duration.ofMinutes(1), Clock.systemUTC(), Set.of(MessageType.SOURCE_PLAN));
            Verification verification = verifier.verify(buffer, packet.getLength());
            assertThat(verification).isInstanceOf(Verification.Accepted.class);
            Datagram datagram = ((Verification.Accepted) verification).datagram();
            DecodedPayload decoded = PayloadDecoder.decode(MessageType.SOURCE_PLAN, datagram.payload());
            assertThat(decoded).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) decoded).message()).isEqualTo(plan);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter(GatewayMetrics.OUTBOUND_SENT, "type", "source_plan") == sent + 1);
    }

    @Test
    void aDeploymentNoticeWithThousandsOfPieceHashesArrivesWholeAsALargeMessage() throws Exception {
        int pieces = 3_000;
        AppMetadata.Builder content = AppMetadata.newBuilder().setContentId("blob-large").setName("Office")
                .setVersion("16.0").setSizeBytes((long) pieces * 1024 * 1024).setPieceSize(1024 * 1024)
                .setSha256(ByteString.copyFrom(new byte[32]));
        for (int i = 0; i < pieces; i++) {
            byte[] hash = new byte[32];
            hash[0] = (byte) i;
            hash[1] = (byte) (i >> 8);
            content.addPieceHashes(ByteString.copyFrom(hash));
        }
        DeploymentNotice notice = DeploymentNotice.newBuilder().setDeploymentId(UUID.randomUUID().toString())
                .setContent(content).setPolicy(DeploymentPolicy.newBuilder()
                        .setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER).setPreCacheOnly(true))
                .build();
        assertThat(notice.getSerializedSize()).isGreaterThan(65_427);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            LargeMessageReceiver receiver = new LargeMessageReceiver(socket, KeyRing.of(fleetKey()),
                    new DatagramVerifier(KeyRing.of(fleetKey()), new ReplayGuard(16), Duration.ofMinutes(5),
                            Clock.systemUTC(), Set.of(MessageType.FRAGMENT)),
                    new Reassembler(ReassemblyLimits.DEFAULTS), UUID.randomUUID(), new SequenceCounter(), Clock.systemUTC());
            UUID device = UUID.randomUUID();
            publish(OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setDestinationId(device.toString()).setDestinationAddress("127.0.0.1")
                    .setDestinationPort(34_325).setLargeMessagePort(socket.getLocalPort())
                    .setMessageType(MessageType.DEPLOYMENT_NOTICE.code()).setPayload(notice.toByteString())
                    .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build());

            Optional<LargeMessage> message = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (message.isEmpty() && System.nanoTime() < deadline) {
                message = receiver.receiveOnce();
            }

            assertThat(message).as("the large message arrived").isPresent();
            assertThat(message.get().type()).isEqualTo(MessageType.DEPLOYMENT_NOTICE);
            assertThat(message.get().keyId()).isEqualTo(fleetKey().id());
            DecodedPayload decoded = PayloadDecoder.decode(MessageType.DEPLOYMENT_NOTICE, message.get().payload());
            assertThat(decoded).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) decoded).message()).isEqualTo(notice);
        }
    }

    private void publish(OutboundDatagram datagram) {
        new KafkaTestClient(bootstrapServers).send(Topics.GATEWAY_OUTBOUND, datagram.getDestinationId(),
                datagram.toByteArray(), UUID.randomUUID().toString(), "cascade.v1.OutboundDatagram");
    }
}
