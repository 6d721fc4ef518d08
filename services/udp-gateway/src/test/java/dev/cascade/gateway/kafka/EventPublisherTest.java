package dev.cascade.gateway.kafka;

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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The ACK waits for Kafka's acknowledgement: driven by a MockProducer, observed on a real loopback socket. */
class EventPublisherTest {

    private final WireKey key = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final GatewaySocket gatewaySocket = new GatewaySocket("small-messages", "127.0.0.1", 0, "test", 65536);
    private final DatagramSocket peer;
    private EventPublisher publisher;

    EventPublisherTest() throws IOException {
        gatewaySocket.bind();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.shutdown(Duration.ofSeconds(2));
        }
        peer.close();
        gatewaySocket.close();
    }

    @Test
    void theAckIsSentOnlyAfterKafkaAcknowledgedTheEvent() throws Exception {
        MockProducer<String, byte[]> producer = mockProducer();
        publisher = publisher(producer, 10);
        AcceptedDatagram pending = pending(7001);

        assertThat(publish(pending)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertThat(nextDatagram(Duration.ofMillis(300))).as("no ACK before Kafka acknowledged").isEmpty();

        producer.completeNext();

        Ack ack = ackIn(nextDatagram(Duration.ofSeconds(5)).orElseThrow());
        assertThat(ack.getAckedSequence()).isEqualTo(7001);
        assertThat(ack.getEventId()).isEqualTo(PeerRegisteredRecords.eventId(pending.header()));
        assertThat(count(GatewayMetrics.ACCEPTED, "type", "register")).isEqualTo(1);
        assertThat(registry.get(GatewayMetrics.PUBLISH_SECONDS).timer().count()).isEqualTo(1);
        // the sender counts a reply after the socket took it, so the peer may read it before the count moves
        await().atMost(Duration.ofSeconds(5)).until(() -> count(GatewayMetrics.REPLIES_SENT, "type", "ack") == 1);
    }

    @Test
    void whenKafkaFailsThePeerGetsNoAckAndTheFailureIsCounted() throws Exception {
        MockProducer<String, byte[]> producer = mockProducer();
        publisher = publisher(producer, 10);

        publish(pending(7002));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("1 of 3 in sync"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.get(GatewayMetrics.PUBLISH_FAILURES).counter().count() == 1);
        assertThat(nextDatagram(Duration.ofMillis(500))).isEmpty();
        assertThat(count(GatewayMetrics.REPLIES_SENT, "type", "ack")).isZero();
    }

    @Test
    void aProducerThatCannotTakeTheRecordDropsItAsQueueFull() throws Exception {
        MockProducer<String, byte[]> producer = mockProducer();
        producer.sendException = new TimeoutException("buffer full for 5000 ms");
        publisher = publisher(producer, 10);

        publish(pending(7003));

        await().atMost(Duration.ofSeconds(5)).until(() -> count(GatewayMetrics.REJECTED, "reason",
                DropReason.QUEUE_FULL.label()) == 1);
        assertThat(count(GatewayMetrics.ACCEPTED, "type", "register")).isZero();
        assertThat(nextDatagram(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aFullQueueDropsAsQueueFullWithoutBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                try {
                    release.await(10, TimeUnit.SECONDS); // a producer stuck waiting for buffer space
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        publisher = publisher(producer, 1);

        assertThat(publish(pending(1))).isTrue();                  // taken by the publishing thread
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.queued() == 0);
        assertThat(publish(pending(2))).isTrue();                  // waits in the queue
        assertThat(publish(pending(3))).isFalse();                 // no room

        assertThat(count(GatewayMetrics.REJECTED, "reason", DropReason.QUEUE_FULL.label())).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> count(GatewayMetrics.REPLIES_SENT, "type", "ack") == 2);
    }

    private MockProducer<String, byte[]> mockProducer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    private EventPublisher publisher(MockProducer<String, byte[]> producer, int capacity) {
        return new EventPublisher(producer, metrics, capacity);
    }

    private boolean publish(AcceptedDatagram accepted) {
        return publisher.publish(accepted, new PeerRegisteredRecords("gateway-unit"));
    }

    private AcceptedDatagram pending(long sequence) {
        Header header = new Header(1, MessageType.REGISTER.code(), 0, UUID.randomUUID(), key.id(), sequence,
                System.currentTimeMillis(), 0);
        Register register = Register.newBuilder().setHostname("pc-1").setIpAddress("10.0.0.1").setPrefixLength(24)
                .setClientVersion("1.0.0").build();
        ReplySender replies = new ReplySender(gatewaySocket, UUID.randomUUID(), new SequenceCounter(),
                new SourceRateLimiter(5, 10, 100, System::nanoTime), metrics, Clock.systemUTC());
        return new AcceptedDatagram(header, MessageType.REGISTER, register, key,
                (InetSocketAddress) peer.getLocalSocketAddress(), System.currentTimeMillis(), System.nanoTime(),
                Optional.of(replies));
    }

    private Optional<byte[]> nextDatagram(Duration timeout) throws IOException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        peer.setSoTimeout((int) timeout.toMillis());
        try {
            peer.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(java.util.Arrays.copyOf(buffer, packet.getLength()));
    }

    private Ack ackIn(byte[] datagram) throws Exception {
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(4), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.ACK));
        Verification verification = verifier.verify(datagram, datagram.length);
        assertThat(verification).as("an ACK tagged with the request's key").isInstanceOf(Verification.Accepted.class);
        return Ack.parseFrom(((Verification.Accepted) verification).datagram().payload());
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }
}
