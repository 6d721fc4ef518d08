package dev.cascade.cli.connector;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.LargeMessage;
import dev.cascade.wire.large.LargeMessageReceiver;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;

/**
 * A stand-in for the gateway and the services behind it, on real UDP sockets at free ports, for testing the
 * connector: it verifies requests with its key ring (answering a datagram it cannot verify with an unauthenticated
 * REJECT, as protocol.md §6 says), ACKs like the gateway (the event id derived as in §6.1) or REJECTs, and sends the
 * result from another socket, as the gateway's outbound port does (§14), where it also collects the connector's ACKs.
 * Large messages (§10) are reassembled on a third socket and ACKed there, naming the completing fragment.
 */
final class StandInGateway implements AutoCloseable {

    /** A verified request; {@code key} is the key that authenticated it. */
    record Request(Header header, MessageType type, byte[] payload, WireKey key, boolean large) {
    }

    /** What to do with a request. {@code resultFirst}: send the result and no ACK (the ACK was "lost"). */
    record Response(boolean ack, Reject reject, MessageType resultType, Message result, boolean resultFirst) {

        static Response silence() {
            return new Response(false, null, null, null, false);
        }

        static Response ackOnly() {
            return new Response(true, null, null, null, false);
        }

        static Response reject(Reject reject) {
            return new Response(false, reject, null, null, false);
        }

        static Response result(MessageType type, Message result) {
            return new Response(true, null, type, result, false);
        }

        static Response resultWithoutAck(MessageType type, Message result) {
            return new Response(false, null, type, result, true);
        }
    }

    final UUID serverId = UUID.randomUUID();
    final KeyRing keys;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Ack> acksOfResults = new CopyOnWriteArrayList<>();
    final List<Long> resultSequences = new CopyOnWriteArrayList<>();
    final List<Integer> datagramsReceived = new CopyOnWriteArrayList<>();
    volatile Function<Request, Response> behaviour = request -> Response.ackOnly();

    private final Clock clock = Clock.systemUTC();
    private final SequenceCounter sequences = new SequenceCounter();
    private final DatagramSocket small;
    private final DatagramSocket outbound;
    private final DatagramSocket large;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    StandInGateway(WireKey... connectorKeys) throws SocketException {
        keys = KeyRing.of(connectorKeys);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        small = new DatagramSocket(new InetSocketAddress(loopback, 0));
        outbound = new DatagramSocket(new InetSocketAddress(loopback, 0));
        large = new DatagramSocket(new InetSocketAddress(loopback, 0));
        start("small", this::serveSmall);
        start("outbound", this::serveOutbound);
        start("large", this::serveLarge);
    }

    int smallPort() {
        return small.getLocalPort();
    }

    int largePort() {
        return large.getLocalPort();
    }

    /** Lets the stand-in accept a key it handed out (as activation-service's key ring would). */
    void accept(WireKey key) {
        List<WireKey> all = new java.util.ArrayList<>(keys.all());
        all.add(key);
        keys.replaceAll(all);
    }

    private void serveSmall() throws IOException {
        DatagramVerifier verifier = new DatagramVerifier(keys, new ReplayGuard(64), Duration.ofSeconds(300), clock,
                Set.of(MessageType.ACTIVATE, MessageType.STATUS_REQUEST, MessageType.APP_METADATA, MessageType.KEY_ROTATION_REQUEST));
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!small.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            small.receive(packet);
            datagramsReceived.add(packet.getLength());
            Verification verification = verifier.verify(buffer, packet.getLength());
            if (verification instanceof Verification.Dropped dropped) {
                if (dropped.header() != null && !dropped.authenticated()) {
                    byte[] reject = DatagramCodec.encodeUnauthenticated(MessageType.REJECT, serverId, sequences.next(),
                            clock.millis(), Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED)
                                    .setRejectedSequence(dropped.header().sequence()).setDetail("key id "
                                            + dropped.header().keyId() + " is unknown or the tag does not verify").build().toByteArray());
                    small.send(new DatagramPacket(reject, reject.length, packet.getSocketAddress()));
                }
                continue;
            }
            Verification.Accepted accepted = (Verification.Accepted) verification;
            Datagram datagram = accepted.datagram();
            answer(new Request(datagram.header(), datagram.type(), datagram.payload(), accepted.key(), false),
                    small, packet.getSocketAddress());
        }
    }

    private void answer(Request request, DatagramSocket via, SocketAddress to) throws IOException {
        requests.add(request);
        Response response = behaviour.apply(request);
        Header header = request.header();
        if (response.reject() != null) {
            send(via, MessageType.REJECT, request.key(), response.reject().toBuilder().setRejectedSequence(header.sequence())
                    .build(), to);
            return;
        }
        if (response.ack()) {
            send(via, MessageType.ACK, request.key(), Ack.newBuilder().setAckedSequence(header.sequence())
                    .setEventId(eventId(header).toString()).build(), to);
        }
        if (response.resultType() != null) {
            // from the outbound socket, to the request's source address, tagged with the request's key (§16.2)
            long sequence = sequences.next();
            resultSequences.add(sequence);
            byte[] datagram = DatagramCodec.encode(response.resultType(), serverId, request.key(), sequence, clock.millis(),
                    response.result().toByteArray());
            outbound.send(new DatagramPacket(datagram, datagram.length, to));
        }
    }

    private void serveOutbound() throws IOException {
        DatagramVerifier verifier = new DatagramVerifier(keys, new ReplayGuard(64), Duration.ofSeconds(300), clock,
                Set.of(MessageType.ACK, MessageType.REJECT));
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!outbound.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            outbound.receive(packet);
            if (verifier.verify(buffer, packet.getLength()) instanceof Verification.Accepted accepted
                    && accepted.datagram().type() == MessageType.ACK) {
                acksOfResults.add(Ack.parseFrom(accepted.datagram().payload()));
            }
        }
    }

    private void serveLarge() throws IOException {
        DatagramVerifier verifier = new DatagramVerifier(keys, new ReplayGuard(64), Duration.ofSeconds(300), clock,
                Set.of(MessageType.FRAGMENT));
        LargeMessageReceiver receiver = new LargeMessageReceiver(large, keys, verifier, new Reassembler(ReassemblyLimits.DEFAULTS),
                serverId, sequences, clock);
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!large.isClosed()) {
            large.setSoTimeout(50);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                large.receive(packet);
                long sequence = ByteBuffer.wrap(buffer, 28, 8).getLong(); // of the fragment that may complete the message
                Optional<LargeMessage> completed = receiver.handle(buffer, packet.getLength(), packet.getSocketAddress());
                if (completed.isPresent()) {
                    LargeMessage message = completed.get();
                    WireKey key = keys.find(message.keyId(), clock.instant()).orElseThrow();
                    Header header = new Header(1, message.type().code(), 0, message.sender(), message.keyId(), sequence,
                            clock.millis(), message.payload().length);
                    answer(new Request(header, message.type(), message.payload(), key, true), large, packet.getSocketAddress());
                }
            } catch (java.net.SocketTimeoutException e) {
                // no fragment within the ack delay: only the due progress acks below
            }
            receiver.sendDueAcks();
        }
    }

    private void send(DatagramSocket via, MessageType type, WireKey key, Message payload, SocketAddress to) throws IOException {
        byte[] datagram = DatagramCodec.encode(type, serverId, key, sequences.next(), clock.millis(), payload.toByteArray());
        via.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** §6.1: RFC 4122 version 3 UUID of sender id, sequence and timestamp. */
    static UUID eventId(Header header) {
        return UUID.nameUUIDFromBytes(ByteBuffer.allocate(32).putLong(header.senderId().getMostSignificantBits())
                .putLong(header.senderId().getLeastSignificantBits()).putLong(header.sequence())
                .putLong(header.timestampMillis()).array());
    }

    static <T extends Message> T parse(Request request, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(request.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the connector sent a " + request.type() + " that does not parse", e);
        }
    }

    private interface Loop {
        void run() throws IOException;
    }

    private void start(String name, Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException e) {
                if (!small.isClosed()) { // closing the sockets ends the loops; any other failure fails the test's asserts
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, "stand-in-gateway-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    @Override
    public void close() throws InterruptedException {
        small.close();
        outbound.close();
        large.close();
        for (Thread thread : threads) {
            thread.join(2_000);
        }
    }
}
