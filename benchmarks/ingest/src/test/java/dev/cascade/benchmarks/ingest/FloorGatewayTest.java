package dev.cascade.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/** The floor as the benchmark runs it: a child JVM against a real broker, loaded over real UDP. */
class FloorGatewayTest {

    private static final String TOPIC = "cascade.benchmark.floor";
    private static final int VALUE_SIZE = 204;

    @TempDir
    static Path work;
    private static EmbeddedKafkaBroker broker;
    private static FloorGateway floor;
    private static InetSocketAddress address;
    private static WireKey fleet;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.startTemporary();
        broker.createTopics(3, List.of(TOPIC));
        Path keyFile = work.resolve("keys.properties");
        KeyFile.createIfMissing(keyFile);
        fleet = KeyFile.current(keyFile, KeyPurpose.FLEET);
        floor = FloorGateway.start(work.resolve("floor"), broker.bootstrapServers(), keyFile, TOPIC, VALUE_SIZE,
                List.of("-Xmx256m"), List.of());
        address = floor.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (floor != null) {
            floor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void acknowledgesEveryRegistrationOnlyWithItsEventOnTheTopicPaddedToTheEventSize() throws Exception {
        RegisterLoad.Result result = new RegisterLoad(address, fleet, 20).run(300, 50, 0);

        assertThat(result.acked()).isEqualTo(300);
        assertThat(result.rejected()).isZero();
        TopicCheck.Outcome check = TopicCheck.check(broker.bootstrapServers(), TOPIC, List.of(result));
        assertThat(check.missing()).isZero();
        assertThat(check.ackNamesWrongEvent()).isZero();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "floor-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            ConsumerRecord<byte[], byte[]> first = consumer.poll(Duration.ofSeconds(10)).iterator().next();
            assertThat(first.value()).hasSize(VALUE_SIZE);
            assertThat(new String(first.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .isIn(java.util.Arrays.stream(result.sender()).map(UUID::toString).toList());
            assertThat(first.value()[0]).as("the datagram's first byte, the magic's").isEqualTo(
                    DatagramCodec.encode(MessageType.REGISTER, UUID.randomUUID(), fleet, 1, 1, new byte[0])[0]);
        }
    }

    @Test
    void answersNothingToADatagramTaggedWithAnotherKeyAndGoesOnAcknowledging() throws Exception {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        java.util.Arrays.fill(secret, (byte) 7);
        WireKey forger = new WireKey(fleet.id(), KeyPurpose.FLEET, secret, Instant.now().plusSeconds(3_600));
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.socket().setSoTimeout(1_000);
            channel.send(ByteBuffer.wrap(DatagramCodec.encode(MessageType.REGISTER, UUID.randomUUID(), forger,
                    System.currentTimeMillis() * 1000, System.currentTimeMillis(),
                    RegisterLoad.registration(1).toByteArray())), address);
            java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[2048], 2048);
            boolean answered;
            try {
                channel.socket().receive(answer);
                answered = true;
            } catch (SocketTimeoutException e) {
                answered = false;
            }
            assertThat(answered).as("an answer to a forged datagram").isFalse();
        }

        assertThat(new RegisterLoad(address, fleet, 5).run(20, 20, 0).acked()).isEqualTo(20);
        assertThat(Files.readString(floor.log())).doesNotContain("Exception");
    }
}
