package dev.cascade.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.gateway.kafka.PeerRegisteredRecords;
import dev.cascade.gateway.kafka.EventPublisher;
import dev.cascade.gateway.peer.PeerReplyReader;
import dev.cascade.gateway.kafka.PeerReplyRecords;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Checks 10-12 of docs/protocol.md §6 on authenticated datagrams: validate, answer (or not), rate limit, queue. */
class PublishingHandlerTest {

    private final WireKey key = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final GatewaySocket gatewaySocket = new GatewaySocket("small-messages", "127.0.0.1", 0, "test", 65536);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final AtomicLong nanos = new AtomicLong();
    private final DatagramSocket peer;
    private final EventPublisher publisher;
    private final PublishingHandler handler;
    private final PublishingHandler peerReplies;

    PublishingHandlerTest() throws IOException {
        gatewaySocket.bind();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ReplySender replies = new ReplySender(gatewaySocket, UUID.randomUUID(), new SequenceCounter(),
                new SourceRateLimiter(100, 100, 10, System::nanoTime), metrics, Clock.systemUTC());
        publisher = new EventPublisher(producer, metrics, 100);
        SupportedVersions versions = SupportedVersions.of("1.0.0", "1.99.99");
        SourceRateLimiter limiter = new SourceRateLimiter(1, 2, 10, nanos::get);
        RejectMessages rejects = new RejectMessages(versions, Duration.ofSeconds(300));
        handler = new PublishingHandler(new WirePayloadReader(versions.client()), new PeerRegisteredRecords("gw"), true,
                publisher, limiter, replies, rejects, metrics, Clock.systemUTC());
        peerReplies = new PublishingHandler(new PeerReplyReader(), new PeerReplyRecords("gw"), false, publisher,
                new SourceRateLimiter(100, 100, 10, System::nanoTime), replies, rejects, metrics, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        publisher.shutdown(Duration.ofSeconds(2));
        peer.close();
        gatewaySocket.close();
    }

    @Test
    void aValidRegisterIsPublishedAndAnInvalidOneOnlyAnswered() throws Exception {
        handler.handle(datagram(valid().build().toByteArray(), 1), key, source(), System.nanoTime());
        handler.handle(datagram(valid().setPrefixLength(40).build().toByteArray(), 2), key, source(), System.nanoTime());
        handler.handle(datagram(valid().setClientVersion("3.0.0").build().toByteArray(), 3), key, source(),
                System.nanoTime());
        handler.handle(datagram(new byte[] {(byte) 0xFF}, 4), key, source(), System.nanoTime());

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertThat(dropped(DropReason.MALFORMED_PAYLOAD)).isEqualTo(2);
        assertThat(dropped(DropReason.UNSUPPORTED_CLIENT_VERSION)).isEqualTo(1);
        int replies = 0;
        while (receive()) {
            replies++;
        }
        assertThat(replies).as("one ACK and three REJECTs").isEqualTo(4);
    }

    @Test
    void aSourceOverItsRateIsDroppedAsRateLimitedWithoutAnswer() throws Exception {
        for (int i = 1; i <= 3; i++) { // burst of 2
            handler.handle(datagram(valid().build().toByteArray(), i), key, source(), System.nanoTime());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        assertThat(dropped(DropReason.RATE_LIMITED)).isEqualTo(1);

        nanos.addAndGet(1_000_000_000L); // one token a second
        handler.handle(datagram(valid().build().toByteArray(), 4), key, source(), System.nanoTime());
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
    }

    @Test
    void aPeerReplyIsPublishedButNeverAnsweredEvenWhenMalformed() throws Exception {
        byte[] ack = Ack.newBuilder().setAckedSequence(77).setEventId("e").build().toByteArray();
        peerReplies.handle(datagram(MessageType.ACK, ack, 1), key, source(), System.nanoTime());
        peerReplies.handle(datagram(MessageType.ACK, new byte[] {(byte) 0xFF}, 2), key, source(), System.nanoTime());

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertThat(producer.history().get(0).topic()).isEqualTo("cascade.peer.replies");
        assertThat(dropped(DropReason.MALFORMED_PAYLOAD)).isEqualTo(1);
        assertThat(receive()).as("no ACK of an ACK, no REJECT of a reply").isFalse();
    }

    private static Register.Builder valid() {
        return Register.newBuilder().setHostname("pc-1").setIpAddress("10.0.0.1").setPrefixLength(24)
                .setClientVersion("1.0.0");
    }

    private Datagram datagram(byte[] payload, long sequence) {
        return datagram(MessageType.REGISTER, payload, sequence);
    }

    private Datagram datagram(MessageType type, byte[] payload, long sequence) {
        Header header = new Header(1, type.code(), 0, UUID.randomUUID(), key.id(), sequence,
                System.currentTimeMillis(), payload.length);
        return new Datagram(header, type, payload);
    }

    private InetSocketAddress source() {
        return (InetSocketAddress) peer.getLocalSocketAddress();
    }

    private double dropped(DropReason reason) {
        return registry.get(GatewayMetrics.REJECTED).tag("reason", reason.label()).counter().count();
    }

    private boolean receive() throws IOException {
        peer.setSoTimeout(500);
        try {
            peer.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
