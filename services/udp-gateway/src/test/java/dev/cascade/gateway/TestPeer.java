package dev.cascade.gateway;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Reply;
import dev.cascade.wire.RetryPolicy;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/** A peer on a real loopback UDP socket: registers through {@link SmallMessageClient}, or sends raw bytes. */
final class TestPeer implements AutoCloseable {

    /** Three attempts: enough for loopback, short when no answer is the expected outcome. */
    static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(2), 0);

    final UUID id = UUID.randomUUID();
    final WireKey key;
    final DatagramSocket socket;
    final InetSocketAddress gateway;
    private final SequenceCounter sequences = new SequenceCounter();
    private final DatagramVerifier replyVerifier;

    TestPeer(WireKey key) {
        this(key, gatewayAddress());
    }

    /** A peer (or, with the connector key, a connector) talking to {@code gateway}, one of the gateway's ports. */
    TestPeer(WireKey key, InetSocketAddress gateway) {
        this.key = key;
        this.gateway = gateway;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.replyVerifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(16), Duration.ofMinutes(10),
                Clock.systemUTC(), Set.of(MessageType.ACK, MessageType.REJECT));
    }

    /** The small-messages address of the gateway under test, as its status endpoint reports it. */
    static InetSocketAddress gatewayAddress() {
        return gatewayAddress("small-messages");
    }

    /** The address of the gateway's server port named {@code name} (e.g. "small-replies"), from its status endpoint. */
    static InetSocketAddress gatewayAddress(String name) {
        var json = given().get("/gateway/status").then().statusCode(200).extract().jsonPath();
        String host = json.getString("udpPorts.find { it.name == '" + name + "' }.host");
        Integer port = json.get("udpPorts.find { it.name == '" + name + "' }.port");
        if (host == null || port == null) {
            throw new AssertionError("GET /gateway/status lists no UDP port named " + name);
        }
        return new InetSocketAddress(host, port);
    }

    static Register registration(String hostname, String clientVersion) {
        return Register.newBuilder().setHostname(hostname).setIpAddress("10.1.2.3").setPrefixLength(24)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(50_000_000_000L).setUsableStorageBytes(20_000_000_000L)
                .setBootTimeUnixMs(1_700_000_000_000L).setClientVersion(clientVersion).build();
    }

    Reply register(Register register) throws IOException {
        return new SmallMessageClient(socket, id, key, sequences, Clock.systemUTC())
                .send(MessageType.REGISTER, register.toByteArray(), gateway, RETRIES);
    }

    /** A REGISTER datagram with the next sequence number, tagged with this peer's key. */
    byte[] encode(Register register, long timestampMillis) {
        return DatagramCodec.encode(MessageType.REGISTER, id, key, sequences.next(), timestampMillis,
                register.toByteArray());
    }

    /** Sends {@code payload} as {@code type} with retransmission until an ACK or REJECT comes. */
    Reply request(MessageType type, byte[] payload) throws IOException {
        return new SmallMessageClient(socket, id, key, sequences, Clock.systemUTC()).send(type, payload, gateway, RETRIES);
    }

    byte[] encode(MessageType type, byte[] payload) {
        return DatagramCodec.encode(type, id, key, sequences.next(), System.currentTimeMillis(), payload);
    }

    byte[] encodePayload(byte[] payload) {
        return DatagramCodec.encode(MessageType.REGISTER, id, key, sequences.next(), System.currentTimeMillis(), payload);
    }

    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, gateway));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What came back: an ACK or REJECT that verified with this peer's key, or an unauthenticated REJECT. */
    record Received(MessageType type, boolean authenticated, Ack ack, Reject reject, int length) {
    }

    /** The next reply within {@code timeout}, or empty if none came. */
    Optional<Received> nextReply(Duration timeout) throws IOException {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        Verification verification = replyVerifier.verify(buffer, packet.getLength());
        if (verification instanceof Verification.Accepted accepted) {
            Datagram datagram = accepted.datagram();
            return Optional.of(datagram.type() == MessageType.ACK
                    ? new Received(MessageType.ACK, true, Ack.parseFrom(datagram.payload()), null, packet.getLength())
                    : new Received(MessageType.REJECT, true, null, Reject.parseFrom(datagram.payload()),
                            packet.getLength()));
        }
        Header header = ((Verification.Dropped) verification).header();
        if (header == null || header.keyId() != DatagramCodec.UNAUTHENTICATED_KEY_ID
                || header.typeCode() != MessageType.REJECT.code()) {
            throw new AssertionError("the gateway sent something that is neither a verified reply nor an "
                    + "unauthenticated REJECT: " + verification);
        }
        byte[] payload = new byte[header.payloadLength()];
        System.arraycopy(buffer, Header.SIZE, payload, 0, payload.length);
        try {
            return Optional.of(new Received(MessageType.REJECT, false, null, Reject.parseFrom(payload),
                    packet.getLength()));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unauthenticated REJECT payload does not parse", e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
