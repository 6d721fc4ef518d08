package dev.cascade.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * A gateway stand-in on a real UDP socket on 127.0.0.1: verifies every datagram with the server's
 * key as the real gateway does, records it, and answers as its {@link Script} says.
 */
final class StandInServer implements AutoCloseable {

    /** One datagram as the server saw it. */
    record Received(Verification verification, InetSocketAddress from) {

        Header header() {
            return verification instanceof Verification.Accepted accepted ? accepted.datagram().header()
                    : ((Verification.Dropped) verification).header();
        }

        boolean authenticated() {
            return verification instanceof Verification.Accepted;
        }

        MessageType type() {
            return MessageType.fromCode(header().typeCode()).orElseThrow();
        }

        Heartbeat heartbeat() {
            try {
                return Heartbeat.parseFrom(((Verification.Accepted) verification).datagram().payload());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("the agent sent a payload that is not a Heartbeat", e);
            }
        }

        Register register() {
            try {
                return Register.parseFrom(((Verification.Accepted) verification).datagram().payload());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("the agent sent a payload that is not a Register", e);
            }
        }
    }

    /** The answer to the {@code index}-th datagram (1-based), or null to stay silent. */
    @FunctionalInterface
    interface Script {
        byte[] answer(int index, Received received, StandInServer server);
    }

    private final WireKey key;
    private final UUID serverId = UUID.randomUUID();
    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Received> received = new ArrayList<>();

    StandInServer(WireKey key, Script script) throws SocketException {
        this(key, KeyRing.of(key), script);
    }

    /**
     * A stand-in that verifies with every key of {@code verifying} (a rotation in progress) and answers with
     * {@code key}. It also takes the agent's ACKs and REJECTs of what it sent ({@link #send}).
     */
    StandInServer(WireKey key, KeyRing verifying, Script script) throws SocketException {
        this.key = key;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramVerifier verifier = new DatagramVerifier(verifying, new ReplayGuard(16), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.REGISTER, MessageType.HEARTBEAT, MessageType.ACK, MessageType.REJECT));
        this.thread = new Thread(() -> serve(verifier, script), "stand-in-server");
        thread.start();
    }

    static StandInServer silent(WireKey key) throws SocketException {
        return new StandInServer(key, (index, received, server) -> null);
    }

    private void serve(DatagramVerifier verifier, Script script) {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Received one = new Received(verifier.verify(buffer, packet.getLength()),
                        (InetSocketAddress) packet.getSocketAddress());
                int index;
                synchronized (received) {
                    received.add(one);
                    index = received.size();
                }
                byte[] answer = script.answer(index, one, this);
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, one.from()));
                }
            } catch (IOException e) {
                return; // closed by the test
            }
        }
    }

    /** Sends a datagram the way the gateway sends its own messages: from this socket, its "34322". */
    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    UUID serverId() {
        return serverId;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The --server value of this stand-in. */
    String address() {
        return "127.0.0.1:" + port();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    byte[] ack(Received to, String eventId) {
        long sequence = to.header().sequence();
        return DatagramCodec.encode(MessageType.ACK, serverId, key, sequence, System.currentTimeMillis(),
                Ack.newBuilder().setAckedSequence(sequence).setEventId(eventId).build().toByteArray());
    }

    /** A reject tagged with the server's key, as the gateway sends for a datagram that authenticated. */
    byte[] signedReject(Received to, Reject.Builder reject) {
        long sequence = to.header().sequence();
        return DatagramCodec.encode(MessageType.REJECT, serverId, key, sequence, System.currentTimeMillis(),
                reject.setRejectedSequence(sequence).build().toByteArray());
    }

    /** A reject with key id 0 and no tag, as the gateway sends for a datagram that did not authenticate. */
    byte[] unauthenticatedReject(Received to, Reject.Builder reject) {
        long sequence = to.header().sequence();
        return DatagramCodec.encodeUnauthenticated(MessageType.REJECT, serverId, sequence, System.currentTimeMillis(),
                reject.setRejectedSequence(sequence).setServerTimeUnixMs(System.currentTimeMillis()).build().toByteArray());
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
