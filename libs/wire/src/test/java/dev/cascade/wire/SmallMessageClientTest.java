package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;

/** Real UDP sockets on loopback: a stand-in server that drops the first datagrams, then answers. */
class SmallMessageClientTest {

    private final WireKey key = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
    private final UUID serverId = UUID.randomUUID();
    private final RetryPolicy fast = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400), 0.2);

    @Test
    void retransmitsWithNewSequenceNumbersUntilAcknowledged() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<Long> sequences = new ArrayList<>();
            Thread responder = serve(server, 3, (header, from) -> {
                sequences.add(header.sequence());
                byte[] ack = DatagramCodec.encode(MessageType.ACK, serverId, key, header.sequence(), System.currentTimeMillis(),
                        Ack.newBuilder().setAckedSequence(header.sequence()).setEventId("e-1").build().toByteArray());
                return ack;
            });
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), key, new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.REGISTER, Register.getDefaultInstance().toByteArray(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), fast);

            responder.join(5000);
            assertThat(reply).isInstanceOf(Reply.Acked.class);
            assertThat(((Reply.Acked) reply).attempts()).isEqualTo(3);
            assertThat(sequences).hasSize(3).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void aSignedStaleTimestampRejectReachesASenderWhoseClockIsHoursOff() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long serverTime = System.currentTimeMillis() + Duration.ofHours(3).toMillis();
            Thread responder = serve(server, 1, (header, from) -> DatagramCodec.encode(MessageType.REJECT, serverId, key,
                    1, serverTime, Reject.newBuilder().setReason(RejectReason.REJECT_REASON_STALE_TIMESTAMP)
                            .setRejectedSequence(header.sequence()).setServerTimeUnixMs(serverTime).build().toByteArray()));
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), key, new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.REGISTER, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), fast);

            responder.join(5000);
            assertThat(reply).isInstanceOf(Reply.Rejected.class);
            assertThat(((Reply.Rejected) reply).authenticated()).isTrue();
            assertThat(((Reply.Rejected) reply).reject().getServerTimeUnixMs()).isEqualTo(serverTime);
        }
    }

    @Test
    void reportsAnUnauthenticatedRejectAsADiagnostic() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = serve(server, 1, (header, from) -> DatagramCodec.encodeUnauthenticated(MessageType.REJECT,
                    serverId, 1, System.currentTimeMillis(), Reject.newBuilder()
                            .setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED)
                            .setRejectedSequence(header.sequence()).build().toByteArray()));
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), key, new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.REGISTER, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), fast);

            responder.join(5000);
            assertThat(reply).isInstanceOf(Reply.Rejected.class);
            Reply.Rejected rejected = (Reply.Rejected) reply;
            assertThat(rejected.authenticated()).isFalse();
            assertThat(rejected.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), key, new SequenceCounter(), Clock.systemUTC());
            Reply reply = sender.send(MessageType.REGISTER, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(40), 0));
            assertThat(reply).isEqualTo(new Reply.NoAnswer(3));
        }
    }

    @Test
    void signsEachAttemptWithTheRingsCurrentKeyAtSendTime() throws Exception {
        WireKey next = new WireKey(7, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        KeyRing ring = KeyRing.of(key);
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<Long> keyIds = new ArrayList<>();
            Thread responder = serve(server, 2, KeyRing.of(key, next), (header, from) -> {
                keyIds.add(header.keyId());
                // the agent learns key 7 while its first attempt is unanswered
                ring.replaceAll(List.of(next, key.retiredUntil(java.time.Instant.now().plusSeconds(600))));
                return DatagramCodec.encode(MessageType.ACK, serverId, next, 1, System.currentTimeMillis(),
                        Ack.newBuilder().setAckedSequence(header.sequence()).setEventId("e-7").build().toByteArray());
            });
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), ring, KeyPurpose.FLEET,
                    new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.HEARTBEAT, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), fast);

            responder.join(5000);
            assertThat(reply).isInstanceOf(Reply.Acked.class);
            assertThat(keyIds).containsExactly(1L, 7L);
            assertThat(sender.signingKey()).isEqualTo(next);
        }
    }

    @Test
    void acceptsAReplyTaggedWithARetiredKeyStillInItsGracePeriod() throws Exception {
        WireKey next = new WireKey(7, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        KeyRing ring = KeyRing.of(next, key.retiredUntil(java.time.Instant.now().plusSeconds(600)));
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = serve(server, 1, KeyRing.of(next), (header, from) -> DatagramCodec.encode(MessageType.ACK,
                    serverId, key, 1, System.currentTimeMillis(),
                    Ack.newBuilder().setAckedSequence(header.sequence()).setEventId("e-1").build().toByteArray()));
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), ring, KeyPurpose.FLEET,
                    new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.HEARTBEAT, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), fast);

            responder.join(5000);
            assertThat(reply).isInstanceOf(Reply.Acked.class);
        }
    }

    @Test
    void ignoresAReplyTaggedWithAKeyOutsideTheRing() throws Exception {
        WireKey stranger = new WireKey(5, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = serve(server, 1, KeyRing.of(key), (header, from) -> DatagramCodec.encode(MessageType.ACK,
                    serverId, stranger, 1, System.currentTimeMillis(),
                    Ack.newBuilder().setAckedSequence(header.sequence()).setEventId("e-1").build().toByteArray()));
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), KeyRing.of(key),
                    KeyPurpose.FLEET, new SequenceCounter(), Clock.systemUTC());

            Reply reply = sender.send(MessageType.HEARTBEAT, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    new RetryPolicy(1, Duration.ofMillis(200), Duration.ofMillis(200), 0));

            responder.join(5000);
            assertThat(reply).isEqualTo(new Reply.NoAnswer(1));
        }
    }

    @Test
    void refusesARingWithoutACurrentKeyOfItsFamilyNamingIt() throws Exception {
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SmallMessageClient sender = new SmallMessageClient(client, UUID.randomUUID(), KeyRing.of(key),
                    KeyPurpose.CONNECTOR, new SequenceCounter(), Clock.systemUTC());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.send(MessageType.STATUS_REQUEST, new byte[0],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), fast))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the key ring holds no current connector key to sign with");
        }
    }

    interface Responder {
        byte[] answer(Header header, InetSocketAddress from);
    }

    /** Receives datagrams on {@code server}; ignores the first {@code answerOn - 1}, answers the next one. */
    private Thread serve(DatagramSocket server, int answerOn, Responder responder) {
        return serve(server, answerOn, KeyRing.of(key), responder);
    }

    private Thread serve(DatagramSocket server, int answerOn, KeyRing serverKeys, Responder responder) {
        DatagramVerifier verifier = new DatagramVerifier(serverKeys, new ReplayGuard(10), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.REGISTER, MessageType.HEARTBEAT));
        AtomicInteger received = new AtomicInteger();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[2048];
            try {
                server.setSoTimeout(5000);
                while (received.get() < answerOn) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    server.receive(packet);
                    Verification verification = verifier.verify(buffer, packet.getLength());
                    Header header = verification instanceof Verification.Accepted a ? a.datagram().header()
                            : ((Verification.Dropped) verification).header();
                    InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                    byte[] answer = responder.answer(header, from);
                    if (received.incrementAndGet() == answerOn) {
                        server.send(new DatagramPacket(answer, answer.length, from));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        thread.start();
        return thread;
    }
}
