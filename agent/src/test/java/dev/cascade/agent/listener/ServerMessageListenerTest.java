package dev.cascade.agent.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.WrappedKey;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramEventId;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * The agent's small-message port on real UDP sockets: a stand-in gateway sends from its own socket (its 34322)
 * and reads what the agent answers there.
 */
class ServerMessageListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path stateDir;

    private final WireKey installed = key(1);
    private final WireKey delivered = key(7);
    private final UUID deviceId = UUID.randomUUID();
    private final UUID gatewayId = UUID.randomUUID();
    private final SequenceCounter gatewaySequences = new SequenceCounter();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private DatagramSocket agentSocket;
    private DatagramSocket gateway;
    private Thread thread;
    private FleetKeyStore keys;
    private ServerMessageListener listener;
    private final List<com.google.protobuf.Message> handedOver = new java.util.concurrent.CopyOnWriteArrayList<>();

    static WireKey key(long id) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return new WireKey(id, KeyPurpose.FLEET, secret, null);
    }

    private void start(Path dir) throws Exception {
        keys = FleetKeyStore.open(List.of(installed), dir, Clock.systemUTC());
        agentSocket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        gateway = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        gateway.setSoTimeout((int) WAIT.toMillis());
        listener = new ServerMessageListener(agentSocket, deviceId, keys, new SequenceCounter(), Clock.systemUTC(),
                new PrintWriter(out), new PrintWriter(err), new DeploymentMessages() {
                    @Override
                    public void notice(DeploymentNotice notice) {
                        handedOver.add(notice);
                    }

                    @Override
                    public void plan(SourcePlan plan) {
                        handedOver.add(plan);
                    }
                });
        thread = new Thread(listener, "listener-under-test");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agentSocket != null) {
            agentSocket.close();
            thread.join(5_000);
            assertThat(thread.isAlive()).as("the listener stops when its socket closes").isFalse();
            gateway.close();
        }
    }

    private ClientActivation.Builder activation(WrappedKey wrapped) {
        return ClientActivation.newBuilder().setActivated(true).setFleetKey(wrapped)
                .setPreviousKeyValidUntilUnixMs(Instant.parse("2099-01-01T00:00:00Z").toEpochMilli())
                .setServerName("cascade-hq");
    }

    /** Sends {@code payload} as {@code type} tagged with {@code key}; returns the datagram's header fields. */
    private byte[] send(MessageType type, Message payload, WireKey key) throws Exception {
        byte[] datagram = DatagramCodec.encode(type, gatewayId, key, gatewaySequences.next(), System.currentTimeMillis(),
                payload.toByteArray());
        sendRaw(datagram);
        return datagram;
    }

    private void sendRaw(byte[] datagram) throws Exception {
        gateway.send(new DatagramPacket(datagram, datagram.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), agentSocket.getLocalPort())));
    }

    /** The next answer on the gateway socket, verified with the keys the agent may use. */
    private Verification.Accepted answer() throws Exception {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        gateway.receive(packet);
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(installed, delivered), new ReplayGuard(4),
                Duration.ofMinutes(1), Clock.systemUTC(), Set.of(MessageType.ACK, MessageType.REJECT));
        Verification verification = verifier.verify(buffer, packet.getLength());
        assertThat(verification).as("the agent's answer authenticates").isInstanceOf(Verification.Accepted.class);
        return (Verification.Accepted) verification;
    }

    private Ack ackOf(byte[] sent) throws Exception {
        Verification.Accepted answer = answer();
        assertThat(answer.datagram().type()).isEqualTo(MessageType.ACK);
        assertThat(answer.datagram().header().senderId()).isEqualTo(deviceId);
        Ack ack = Ack.parseFrom(answer.datagram().payload());
        Header header = header(sent);
        assertThat(ack.getAckedSequence()).isEqualTo(header.sequence());
        assertThat(ack.getEventId()).isEqualTo(DatagramEventId.of(header).toString());
        return ack;
    }

    private static Header header(byte[] datagram) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(datagram);
        buf.position(5);
        int type = buf.get() & 0xFF;
        buf.getShort();
        UUID sender = new UUID(buf.getLong(), buf.getLong());
        long keyId = buf.getInt() & 0xFFFF_FFFFL;
        return new Header(1, type, 0, sender, keyId, buf.getLong(), buf.getLong(), buf.getInt());
    }

    /** Nothing more arrives: a notice sent now is the next thing answered (loopback keeps the order). */
    private void assertNoAnswerBefore(WireKey key) throws Exception {
        byte[] probe = send(MessageType.DEPLOYMENT_NOTICE, notice(), key);
        ackOf(probe);
    }

    private static DeploymentNotice notice() {
        return DeploymentNotice.newBuilder().setDeploymentId("0b9d4c1e-2f3a-4b5c-8d6e-7f8091a2b3c4")
                .setContent(AppMetadata.newBuilder().setContentId("app-7").setSizeBytes(10).setPieceSize(8)
                        .setSha256(ByteString.copyFrom(new byte[32]))
                        .addPieceHashes(ByteString.copyFrom(new byte[32])).addPieceHashes(ByteString.copyFrom(new byte[32])))
                .setPolicy(DeploymentPolicy.newBuilder().setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER))
                .build();
    }

    @Test
    void storesTheDeliveredKeyThenAcksAndSignsWithIt() throws Exception {
        start(stateDir);
        byte[] sent = send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, installed)).build(), installed);

        ackOf(sent);

        assertThat(keys.signingKey()).isEqualTo(delivered);
        assertThat(KeyFile.read(stateDir.resolve(FleetKeyStore.FILE_NAME))).contains(delivered);
        assertThat(out.toString().trim()).isEqualTo("fleet key 7 received from server cascade-hq; key 1 valid until"
                + " 2099-01-01T00:00:00Z");
        assertThat(listener.counters().ackedCount()).isEqualTo(1);
        assertThat(err.toString()).isEmpty();
    }

    /** The server cannot verify the new key before the agent has it, so the ACK carries the old one. */
    @Test
    void theAckIsTaggedWithTheKeyThatVerifiedTheActivation() throws Exception {
        start(stateDir);
        send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, installed)).build(), installed);

        assertThat(answer().key().id()).isEqualTo(1);
    }

    @Test
    void aKeyWrappedWithAKeyTheAgentDoesNotHoldIsAckedAndIgnored() throws Exception {
        start(stateDir);
        byte[] sent = send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, key(5))).build(), installed);

        ackOf(sent);

        assertThat(keys.signingKey()).isEqualTo(installed);
        assertThat(stateDir.resolve(FleetKeyStore.FILE_NAME)).doesNotExist();
        assertThat(listener.counters().droppedCount("unwrap_failed")).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("fleet key 7 from server cascade-hq is wrapped with key 5, which"
                + " this agent does not hold; ignored");
    }

    @Test
    void aTamperedWrappedKeyInAnAuthenticDatagramIsAckedAndIgnored() throws Exception {
        start(stateDir);
        WrappedKey wrapped = KeyWrap.wrap(delivered, installed);
        byte[] ciphertext = wrapped.getCiphertext().toByteArray();
        ciphertext[3] ^= 0x40;
        byte[] sent = send(MessageType.CLIENT_ACTIVATION, activation(wrapped.toBuilder()
                .setCiphertext(ByteString.copyFrom(ciphertext)).build()).build(), installed);

        ackOf(sent);

        assertThat(keys.signingKey()).isEqualTo(installed);
        assertThat(listener.counters().droppedCount("unwrap_failed")).isEqualTo(1);
        assertThat(err.toString()).contains("does not decrypt with key 1 as a fleet key");
    }

    @Test
    void aTamperedDatagramIsDroppedWithoutAnswer() throws Exception {
        start(stateDir);
        byte[] datagram = DatagramCodec.encode(MessageType.CLIENT_ACTIVATION, gatewayId, installed, gatewaySequences.next(),
                System.currentTimeMillis(), activation(KeyWrap.wrap(delivered, installed)).build().toByteArray());
        datagram[Header.SIZE + 3] ^= 0x01;
        sendRaw(datagram);
        sendRaw(new byte[] {1, 2, 3});

        assertNoAnswerBefore(installed);

        assertThat(keys.signingKey()).isEqualTo(installed);
        assertThat(listener.counters().droppedCount("bad_tag")).isEqualTo(1);
        assertThat(listener.counters().droppedCount("bad_length")).isEqualTo(1);
        assertThat(listener.counters().ackedCount()).isEqualTo(1); // the probe's
    }

    @Test
    void anActivationFromSomeoneWithoutTheFleetKeyIsDropped() throws Exception {
        start(stateDir);
        WireKey stranger = key(3);
        send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, stranger)).build(), stranger);

        assertNoAnswerBefore(installed);

        assertThat(keys.signingKey()).isEqualTo(installed);
        assertThat(listener.counters().droppedCount("unknown_key")).isEqualTo(1);
    }

    @Test
    void aReplayedActivationIsDroppedAndAnsweredOnce() throws Exception {
        start(stateDir);
        byte[] sent = send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, installed)).build(), installed);
        ackOf(sent);

        sendRaw(sent);
        assertNoAnswerBefore(delivered);

        assertThat(listener.counters().droppedCount("replay")).isEqualTo(1);
        assertThat(out.toString()).containsOnlyOnce("fleet key 7 received");
    }

    @Test
    void aMalformedActivationGetsAnAuthenticatedRejectNamingTheField() throws Exception {
        start(stateDir);
        byte[] sent = send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, installed)).clearFleetKey()
                .build(), installed);

        Verification.Accepted answer = answer();

        assertThat(answer.datagram().type()).isEqualTo(MessageType.REJECT);
        Reject reject = Reject.parseFrom(answer.datagram().payload());
        assertThat(reject.getReason()).isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);
        assertThat(reject.getRejectedSequence()).isEqualTo(header(sent).sequence());
        assertThat(reject.getDetail()).startsWith("CLIENT_ACTIVATION: fleet_key is missing");
        assertThat(keys.signingKey()).isEqualTo(installed);
    }

    @Test
    void aKeyThatCannotBeStoredIsNotAcknowledgedSoTheServerSendsItAgain() throws Exception {
        start(Files.writeString(stateDir.resolve("state-file"), "x"));
        send(MessageType.CLIENT_ACTIVATION, activation(KeyWrap.wrap(delivered, installed)).build(), installed);

        assertNoAnswerBefore(installed);

        assertThat(keys.signingKey()).isEqualTo(installed);
        assertThat(listener.counters().droppedCount("store_failed")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot store fleet key 7 from server cascade-hq")
                .contains("not acknowledged, so the server sends it again");
    }

    @Test
    void handsDeploymentNoticesAndSourcePlansOverAndAcknowledgesThemWithOneLineEach() throws Exception {
        start(stateDir);
        SourcePlan sourcePlan = SourcePlan.newBuilder().setDeviceId(deviceId.toString())
                .setContentId("app-7").setAction(PlanAction.PLAN_ACTION_WAIT).setExplanation("nobody holds it yet")
                .setRetryAfterMs(30_000).build();
        byte[] notice = send(MessageType.DEPLOYMENT_NOTICE, notice(), installed);
        ackOf(notice);
        byte[] plan = send(MessageType.SOURCE_PLAN, sourcePlan, installed);
        ackOf(plan);

        assertThat(handedOver).containsExactly(notice(), sourcePlan);

        assertThat(out.toString().lines()).containsExactly(
                "deployment 0b9d4c1e-2f3a-4b5c-8d6e-7f8091a2b3c4 of content app-7 announced by the server (2 pieces)",
                "source plan for content app-7: PLAN_ACTION_WAIT, 0 sources");
        assertThat(listener.counters().format()).isEqualTo("received=2 acked=2 rejected=0");
    }

    @Test
    void aMalformedNoticeIsRejectedAndNotHandedOver() throws Exception {
        start(stateDir);
        DeploymentNotice broken = notice().toBuilder().setContent(notice().getContent().toBuilder().setPieceSize(0)).build();

        send(MessageType.DEPLOYMENT_NOTICE, broken, installed);

        assertThat(answer().datagram().type()).isEqualTo(MessageType.REJECT);
        assertThat(handedOver).isEmpty();
    }

    @Test
    void aTypeTheServerDoesNotSendHereIsDropped() throws Exception {
        start(stateDir);
        send(MessageType.REGISTER, dev.cascade.contracts.v1.Register.getDefaultInstance(), installed);

        assertNoAnswerBefore(installed);

        assertThat(listener.counters().droppedCount("unknown_type")).isEqualTo(1);
    }

    @Test
    void stopsWhenTheSocketCloses() throws Exception {
        start(stateDir);
        agentSocket.close();
        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(listener.counters().droppedCount("failed")).isZero();
    }
}
