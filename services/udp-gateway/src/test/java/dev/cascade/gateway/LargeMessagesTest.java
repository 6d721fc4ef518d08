package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.Fragmenter;
import dev.cascade.wire.large.LargeDelivery;
import dev.cascade.wire.large.LargeMessageSender;
import dev.cascade.wire.large.SendSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Large messages (docs/protocol.md §10) on the gateway's large-message ports, sent by the real
 * {@link LargeMessageSender} over loopback UDP: reassembled, validated and published like the same
 * message sent small, acknowledged after Kafka; refusals and drops as §10.5 and §6 say; memory bounded.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class LargeMessagesTest extends GatewayTestSupport {

    private static final int PIECE_SIZE = 4 * 1024 * 1024;
    /** Gives up within about a second: for exchanges whose expected outcome is silence. */
    private static final SendSettings IMPATIENT = new SendSettings(32, Duration.ofMillis(2), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(60), 3, 10);

    private static boolean topicReady;

    /** A reassembled message is one record: the topic must take records of several MiB (as production must). */
    @BeforeEach
    void connectorRequestsTakeLargeRecords() throws Exception {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.CONNECTOR_REQUESTS, 1, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTOR_REQUESTS);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "20971520"), AlterConfigOp.OpType.SET)))).all().get();
        }
        topicReady = true;
    }

    @Test
    void aTwoMegabyteAppMetadataArrivesWholeIsPublishedOnceAndAcknowledgedAfterKafka() throws Exception {
        AppMetadata metadata = appMetadata("blob-large", 60_000);
        assertThat(metadata.getSerializedSize()).isGreaterThan(2_000_000);
        double completed = counter(GatewayMetrics.LARGE_MESSAGES, "type", "app_metadata", "outcome", "completed");
        try (Connector connector = new Connector(connectorKey())) {
            LargeDelivery delivery = connector.send(metadata, TestPeer.gatewayAddress("large-messages-foreground"),
                    SendSettings.DEFAULTS);

            assertThat(delivery).isInstanceOf(LargeDelivery.Delivered.class);
            Ack ack = connector.awaitAck(Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> record = onlyRecord(connector.id);
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            ConnectorRequestReceived event = ConnectorRequestReceived.parseFrom(record.value());
            assertThat(event.getAppMetadata().getPieceHashesList()).isEqualTo(metadata.getPieceHashesList());
            assertThat(event.getAppMetadata()).isEqualTo(metadata);
            assertThat(event.getSequence()).as("the ACK names the fragment that completed the message")
                    .isEqualTo(ack.getAckedSequence());
            assertThat(event.getSourceAddress()).isEqualTo("127.0.0.1:" + connector.port());
            assertThat((long) event.getKeyId()).isEqualTo(connector.key.id());
        }
        assertThat(counter(GatewayMetrics.LARGE_MESSAGES, "type", "app_metadata", "outcome", "completed"))
                .isEqualTo(completed + 1);
        assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isZero();
        assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isZero();
    }

    @Test
    void aLargeMessageArrivesWholeThroughAPathLosingFifteenPercentOfFragmentsAndAcks() throws Exception {
        AppMetadata metadata = appMetadata("blob-lossy", 60_000);
        try (Connector connector = new Connector(connectorKey());
             LossyRelay relay = new LossyRelay(TestPeer.gatewayAddress("large-messages-background"), 0.15, 42)) {
            LargeDelivery delivery = connector.send(metadata, relay.address(), SendSettings.DEFAULTS);

            assertThat(delivery).isInstanceOf(LargeDelivery.Delivered.class);
            assertThat(((LargeDelivery.Delivered) delivery).fragmentsResent()).isPositive();
            assertThat(relay.dropped()).isGreaterThan(100);
            Ack ack = connector.awaitAck(Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> record = onlyRecord(connector.id);
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            assertThat(ConnectorRequestReceived.parseFrom(record.value()).getAppMetadata()).isEqualTo(metadata);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isZero());
    }

    @Test
    void aMalformedLargeAppMetadataGetsASignedMalformedPayloadReject() throws Exception {
        AppMetadata wrongCount = appMetadata("blob-bad", 3_000).toBuilder()
                .setSizeBytes(2_999L * PIECE_SIZE) // one hash too many
                .build();
        try (Connector connector = new Connector(connectorKey())) {
            LargeDelivery delivery = connector.send(wrongCount, TestPeer.gatewayAddress("large-messages-foreground"),
                    SendSettings.DEFAULTS);

            assertThat(delivery).as("reassembly succeeds; validation is the whole message's")
                    .isInstanceOf(LargeDelivery.Delivered.class);
            Datagram reply = connector.awaitReply(Duration.ofSeconds(10), MessageType.REJECT).orElseThrow();
            assertThat(reply.header().keyId()).as("tagged with the connector key").isEqualTo(connector.key.id());
            Reject reject = Reject.parseFrom(reply.payload());
            assertThat(reject.getReason()).isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);
            assertThat(reject.getDetail()).startsWith("piece_hashes").contains("expected 2999");
            assertThat(new KafkaTestClient(bootstrapServers).read(Topics.CONNECTOR_REQUESTS, Integer.MAX_VALUE,
                    Duration.ofSeconds(2)).stream().filter(r -> connector.id.toString().equals(r.key()))).isEmpty();
        }
    }

    @Test
    void anAppMetadataFragmentedWithTheFleetKeyIsDroppedAsUnknownKey() throws Exception {
        double unknownKey = rejected(DropReason.UNKNOWN_KEY);
        double held = counter(GatewayMetrics.FRAGMENTS, "result", "held");
        AppMetadata metadata = appMetadata("blob-impostor", 100); // 3.4 kB: three fragments
        try (Connector impostor = new Connector(fleetKey())) {
            LargeDelivery delivery = impostor.send(metadata, TestPeer.gatewayAddress("large-messages-foreground"),
                    IMPATIENT);

            assertThat(delivery).as("no fragment ack for a fleet-keyed APP_METADATA")
                    .isInstanceOf(LargeDelivery.NoAnswer.class);
            assertThat(rejected(DropReason.UNKNOWN_KEY)).isGreaterThanOrEqualTo(unknownKey + 3);
            assertThat(counter(GatewayMetrics.FRAGMENTS, "result", "held")).isEqualTo(held);
            assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isZero();
            assertThat(new KafkaTestClient(bootstrapServers).read(Topics.CONNECTOR_REQUESTS, Integer.MAX_VALUE,
                    Duration.ofSeconds(2)).stream().filter(r -> impostor.id.toString().equals(r.key()))).isEmpty();
        }
    }

    @Test
    void aRegistrationIsNeverTakenAsALargeMessage() throws Exception {
        double unknownType = rejected(DropReason.UNKNOWN_TYPE);
        byte[] padded = TestPeer.registration("pc-large", "1.0.0").toBuilder()
                .setHostname("h".repeat(200)).build().toByteArray();
        byte[] registration = new byte[3_000];
        System.arraycopy(padded, 0, registration, 0, padded.length); // the length is what matters here
        try (Connector peer = new Connector(fleetKey())) {
            LargeDelivery delivery = new LargeMessageSender(peer.socket, peer.id, peer.key, new SequenceCounter(),
                    Clock.systemUTC(), new Fragmenter(), IMPATIENT).send(MessageType.REGISTER, registration,
                    TestPeer.gatewayAddress("large-messages-foreground"));

            assertThat(delivery).isInstanceOf(LargeDelivery.NoAnswer.class);
            assertThat(rejected(DropReason.UNKNOWN_TYPE)).isGreaterThanOrEqualTo(unknownType + 3);
            assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isZero();
        }
    }

    @Test
    void aTooLargeDeclaredLengthGetsATooLargeRefusalTaggedWithTheFragmentsKey() throws Exception {
        double tooLarge = counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "too_large");
        try (Connector connector = new Connector(connectorKey())) {
            connector.sendFragment(7, 17 * 1024 * 1024, 0, TestPeer.gatewayAddress("large-messages-foreground"));

            FragmentAck ack = connector.awaitFragmentAck(Duration.ofSeconds(5));
            assertThat(ack.getMessageId()).isEqualTo(7);
            assertThat(ack.getRefusal()).isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_TOO_LARGE);
            assertThat(ack.getComplete()).isFalse();
        }
        assertThat(counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "too_large")).isEqualTo(tooLarge + 1);
        assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isZero();
    }

    @Test
    void aFloodOfFirstFragmentsFromManySendersStaysWithinTheLimitsAndExpires() throws Exception {
        long totalLimit = 48L * 1024 * 1024; // %test cascade.gateway.reassembly.max-bytes-total
        double busy = counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "busy");
        double senderLimit = counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "sender_limit");
        InetSocketAddress gateway = TestPeer.gatewayAddress("large-messages-foreground");
        List<FragmentAck> refusals = new ArrayList<>();
        List<Connector> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) { // 20 senders, each the first fragment of a 4 MiB message: 80 MiB declared
                Connector sender = new Connector(connectorKey());
                senders.add(sender);
                sender.sendFragment(1, 4 * 1024 * 1024, 0, gateway);
            }
            Connector greedy = new Connector(connectorKey());
            senders.add(greedy);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge(GatewayMetrics.REASSEMBLY_BYTES) > 0);
            for (Connector sender : senders.subList(0, 20)) {
                sender.awaitFragmentAckOrNothing(Duration.ofMillis(200)).filter(a -> a.getRefusal()
                        != FragmentRefusal.FRAGMENT_REFUSAL_NONE).ifPresent(refusals::add);
            }
            assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isPositive().isLessThanOrEqualTo(totalLimit);
            assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isEqualTo(20 - refusals.size());
            assertThat(refusals).isNotEmpty().allMatch(a -> a.getRefusal() == FragmentRefusal.FRAGMENT_REFUSAL_BUSY);
            assertThat(counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "busy")).isEqualTo(busy + refusals.size());

            // one sender, many small messages: the ninth is over its limit of 8 (if the total has room, else BUSY)
            for (int message = 1; message <= 9; message++) {
                greedy.sendFragment(message, 2_000, 0, gateway);
            }
            FragmentAck ninth = greedy.awaitFragmentAck(Duration.ofSeconds(5));
            assertThat(ninth.getMessageId()).isEqualTo(9);
            assertThat(ninth.getRefusal()).isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_SENDER_LIMIT);
            assertThat(counter(GatewayMetrics.FRAGMENT_REFUSALS, "reason", "sender_limit")).isEqualTo(senderLimit + 1);
        } finally {
            senders.forEach(Connector::close);
        }
        // incomplete messages expire (5 s in the test profile) and free everything
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isZero();
            assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isZero();
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private WireKey connectorKey() {
        return KeyFile.current(keyFile, KeyPurpose.CONNECTOR);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double counter(String name, String tag1, String value1, String tag2, String value2) {
        return registry.get(name).tag(tag1, value1).tag(tag2, value2).counter().count();
    }

    private ConsumerRecord<String, byte[]> onlyRecord(UUID connector) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<ConsumerRecord<String, byte[]>> records = List.of();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            records = new KafkaTestClient(bootstrapServers).read(Topics.CONNECTOR_REQUESTS, Integer.MAX_VALUE,
                    Duration.ofSeconds(3)).stream().filter(r -> connector.toString().equals(r.key())).toList();
        }
        assertThat(records).as("exactly one record of connector " + connector).hasSize(1);
        return records.get(0);
    }

    /** An AppMetadata of {@code pieces} pieces of 4 MiB, each piece hash distinct (SHA-256 of its index). */
    private static AppMetadata appMetadata(String contentId, int pieces) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId(contentId).setName("big-app")
                .setVersion("1.0").setSizeBytes((long) pieces * PIECE_SIZE).setPieceSize(PIECE_SIZE)
                .setSha256(ByteString.copyFrom(sha256.digest(contentId.getBytes())));
        for (int i = 0; i < pieces; i++) {
            metadata.addPieceHashes(ByteString.copyFrom(sha256.digest(ByteBuffer.allocate(4).putInt(i).array())));
        }
        return metadata.build();
    }

    /** A connector on a loopback socket (its large-reply port): sends large messages and reads what comes back. */
    private static final class Connector implements AutoCloseable {

        final UUID id = UUID.randomUUID();
        final WireKey key;
        final DatagramSocket socket;
        private final SequenceCounter sequences = new SequenceCounter();
        private final DatagramVerifier replies;

        Connector(WireKey key) throws IOException {
            this.key = key;
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.replies = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(16), Duration.ofMinutes(10),
                    Clock.systemUTC(), Set.of(MessageType.ACK, MessageType.REJECT, MessageType.FRAGMENT_ACK));
        }

        int port() {
            return socket.getLocalPort();
        }

        LargeDelivery send(AppMetadata metadata, InetSocketAddress to, SendSettings settings) throws IOException {
            return new LargeMessageSender(socket, id, key, sequences, Clock.systemUTC(), new Fragmenter(), settings)
                    .send(MessageType.APP_METADATA, metadata.toByteArray(), to);
        }

        /** Fragment {@code index} (1200 bytes of zeros, or the remainder) of an APP_METADATA of {@code totalLength}. */
        void sendFragment(long messageId, int totalLength, int index, InetSocketAddress to) throws IOException {
            int size = Fragmenter.DEFAULT_FRAGMENT_SIZE;
            int length = Math.min(size, totalLength - index * size);
            byte[] fragment = Fragment.newBuilder().setMessageId(messageId).setMessageType(MessageType.APP_METADATA.code())
                    .setTotalLength(totalLength).setFragmentSize(size).setIndex(index)
                    .setData(ByteString.copyFrom(new byte[length])).build().toByteArray();
            byte[] datagram = DatagramCodec.encode(MessageType.FRAGMENT, id, key, sequences.next(),
                    System.currentTimeMillis(), fragment);
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }

        Ack awaitAck(Duration timeout) throws IOException {
            Datagram ack = awaitReply(timeout, MessageType.ACK)
                    .orElseThrow(() -> new AssertionError("no ACK within " + timeout));
            return Ack.parseFrom(ack.payload());
        }

        FragmentAck awaitFragmentAck(Duration timeout) throws IOException {
            return awaitFragmentAckOrNothing(timeout)
                    .orElseThrow(() -> new AssertionError("no FRAGMENT_ACK within " + timeout));
        }

        Optional<FragmentAck> awaitFragmentAckOrNothing(Duration timeout) throws IOException {
            Optional<Datagram> reply = awaitReply(timeout, MessageType.FRAGMENT_ACK);
            return reply.isPresent() ? Optional.of(FragmentAck.parseFrom(reply.get().payload())) : Optional.empty();
        }

        /** The next verified datagram of {@code type}, skipping others (e.g. a late repeated completion ack). */
        Optional<Datagram> awaitReply(Duration timeout, MessageType type) throws IOException {
            byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000;
                if (remaining <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) remaining);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                if (replies.verify(buffer, packet.getLength()) instanceof Verification.Accepted accepted
                        && accepted.datagram().type() == type) {
                    return Optional.of(accepted.datagram());
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
