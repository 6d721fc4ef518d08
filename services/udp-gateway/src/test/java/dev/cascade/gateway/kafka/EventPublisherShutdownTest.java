package dev.cascade.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Stopping while datagrams are queued (the order {@code GatewayLifecycle} uses: receivers stopped,
 * then {@link EventPublisher#shutdown}) never ACKs a datagram whose event is not on the topic:
 * against a real broker, with a generous and with a far too short shutdown timeout.
 */
class EventPublisherShutdownTest {

    private final WireKey key = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private final String bootstrap = KafkaBrokerResource.broker().bootstrapServers();

    @Test
    void withTimeEveryQueuedDatagramIsPublishedAndAcknowledged() throws Exception {
        Outcome outcome = publishThenShutdown(2_000, Duration.ofSeconds(20));

        assertThat(outcome.acked()).hasSize(2_000);
        assertThat(outcome.onTopic()).containsAll(outcome.acked());
    }

    @Test
    void cutShortNoDatagramIsAcknowledgedWithoutItsKafkaWrite() throws Exception {
        Outcome outcome = publishThenShutdown(20_000, Duration.ofMillis(1));

        assertThat(outcome.acked().size()).as("the shutdown really cut work off").isLessThan(20_000);
        assertThat(outcome.onTopic()).as("every ACK has its event on the topic").containsAll(outcome.acked());
    }

    private record Outcome(Set<String> acked, Set<String> onTopic) {
    }

    private Outcome publishThenShutdown(int count, Duration timeout) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (GatewaySocket gatewaySocket = new GatewaySocket("small-messages", "127.0.0.1", 0, "test", 1 << 20);
             DatagramSocket peer = new DatagramSocket(null)) {
            gatewaySocket.bind();
            peer.setReceiveBufferSize(16 << 20);
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread collector = new Thread(() -> collectAcks(peer, acked), "ack-collector");
            collector.start();

            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
            producer.partitionsFor(Topics.PEER_REGISTRATIONS); // metadata first: the cut must hit sends, not lookups
            EventPublisher publisher = new EventPublisher(producer, metrics, count);
            ReplySender replies = new ReplySender(gatewaySocket, UUID.randomUUID(), new SequenceCounter(),
                    new SourceRateLimiter(5, 10, 100, System::nanoTime), metrics, Clock.systemUTC());
            PeerRegisteredRecords records = new PeerRegisteredRecords("gateway-shutdown-test");
            Register register = Register.newBuilder().setHostname("pc-1").setIpAddress("10.0.0.1").setPrefixLength(24)
                    .setClientVersion("1.0.0").build();
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            UUID device = UUID.randomUUID();
            for (int i = 1; i <= count; i++) {
                Header header = new Header(1, MessageType.REGISTER.code(), 0, device, key.id(), i,
                        System.currentTimeMillis(), 0);
                assertThat(publisher.publish(new AcceptedDatagram(header, MessageType.REGISTER, register, key,
                        peerAddress, System.currentTimeMillis(), System.nanoTime(), Optional.of(replies)), records))
                        .isTrue();
            }

            publisher.shutdown(timeout);

            Thread.sleep(1_000); // ACKs already sent are on loopback; let the collector read them
            collector.interrupt();
            collector.join(5_000);
            Set<String> onTopic = new HashSet<>();
            new KafkaTestClient(bootstrap).read(Topics.PEER_REGISTRATIONS, Integer.MAX_VALUE, Duration.ofSeconds(6))
                    .stream().filter(r -> device.toString().equals(r.key()))
                    .forEach(r -> onTopic.add(EventHeaders.required(r.headers(), EventHeaders.EVENT_ID)));
            return new Outcome(acked, onTopic);
        }
    }

    private void collectAcks(DatagramSocket peer, Set<String> acked) {
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(4), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.ACK));
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            peer.setSoTimeout(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        while (!Thread.currentThread().isInterrupted()) {
            packet.setLength(buffer.length);
            try {
                peer.receive(packet);
                Verification verification = verifier.verify(buffer, packet.getLength());
                if (verification instanceof Verification.Accepted accepted) {
                    acked.add(Ack.parseFrom(accepted.datagram().payload()).getEventId());
                }
            } catch (SocketTimeoutException e) {
                // look at the interrupt flag again
            } catch (IOException e) {
                return;
            }
        }
    }
}
