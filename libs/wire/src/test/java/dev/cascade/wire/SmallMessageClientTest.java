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

    interface Responder {
        byte[] answer(Header header, InetSocketAddress from);
    }

    /** Receives datagrams on {@code server}; ignores the first {@code answerOn - 1}, answers the next one. */
    private Thread serve(DatagramSocket server, int answerOn, Responder responder) {
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(10), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.REGISTER));
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
