package dev.cascade.agent.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * A peer under the test's full control on a real UDP socket: crafts DISCOVERs and DISCOVER_REPLYs
 * (also forged, replayed or malformed ones) and reads what comes back, verifying it with a key ring.
 */
final class TestPeer implements AutoCloseable {

    final DatagramSocket socket;
    final UUID id;
    private final SequenceCounter sequence = new SequenceCounter();

    TestPeer(InetAddress bind) throws IOException {
        this(bind, UUID.randomUUID());
    }

    TestPeer(InetAddress bind, UUID id) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(bind, 0));
        this.id = id;
    }

    static WireKey fleetKey(long id) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return new WireKey(id, KeyPurpose.FLEET, secret, null);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A DISCOVER for {@code contentId} naming this peer's port as the reply port. */
    byte[] discover(WireKey key, String contentId) {
        return datagram(MessageType.DISCOVER, key, Discover.newBuilder().setContentId(contentId).setReplyPort(port())
                .build().toByteArray());
    }

    byte[] datagram(MessageType type, WireKey key, byte[] payload) {
        return DatagramCodec.encode(type, id, key, sequence.next(), System.currentTimeMillis(), payload);
    }

    byte[] datagramAt(MessageType type, WireKey key, byte[] payload, long timestampMillis) {
        return DatagramCodec.encode(type, id, key, sequence.next(), timestampMillis, payload);
    }

    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** A datagram that arrived, with where from. */
    record Received(byte[] bytes, InetSocketAddress from) {
    }

    Optional<Received> receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new Received(Arrays.copyOf(buffer, packet.getLength()),
                (InetSocketAddress) packet.getSocketAddress()));
    }

    /** A DISCOVER_REPLY that verified with {@code keys}, its header and payload. */
    record Reply(Datagram datagram, WireKey key, DiscoverReply reply, InetSocketAddress from) {
    }

    /** Receives one datagram within {@code timeout} and verifies it as a DISCOVER_REPLY; fails if it is none. */
    Reply receiveReply(KeyRing keys, Duration timeout) throws IOException {
        Received received = receive(timeout).orElseThrow(() -> new AssertionError("no reply within " + timeout.toMillis() + " ms"));
        DatagramVerifier verifier = new DatagramVerifier(keys, new ReplayGuard(16), Duration.ofSeconds(300),
                Clock.systemUTC(), Set.of(MessageType.DISCOVER_REPLY));
        Verification verification = verifier.verify(received.bytes(), received.bytes().length);
        if (!(verification instanceof Verification.Accepted accepted)) {
            throw new AssertionError("the reply did not verify: " + verification);
        }
        try {
            return new Reply(accepted.datagram(), accepted.key(), DiscoverReply.parseFrom(accepted.datagram().payload()),
                    received.from());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the reply payload is not a DiscoverReply", e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
