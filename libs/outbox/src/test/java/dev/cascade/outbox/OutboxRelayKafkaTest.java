package dev.cascade.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.outbox.OutboxStore.PendingEvent;
import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.testkit.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The relay against a real broker: what reaches Kafka, in which order, and which rows are marked.
 * The store is a stand-in for the outbox table (that one class); the relay and the broker are real.
 */
class OutboxRelayKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERVICE = "outbox-kafka-test";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startTemporary();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void publishesEveryPendingEventInIdOrderWithItsHeadersAndMarksItAfterTheAcknowledgement() throws Exception {
        String topic = "outbox-order-" + UUID.randomUUID();
        InMemoryOutboxStore store = new InMemoryOutboxStore();
        for (long id = 1; id <= 5; id++) {
            store.add(event(id, topic, 10));
        }
        MeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = relay(store, registry, TestSettings.quick(2, 1_048_576)); // batches of 2: three reads
        relay.start(null);
        try {
            await().atMost(WAIT).until(() -> store.pending() == 0);
            List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(broker.bootstrapServers()).read(topic, 5, WAIT);

            assertThat(records).extracting(record -> header(record, EventHeaders.EVENT_ID))
                    .containsExactly("event-1", "event-2", "event-3", "event-4", "event-5");
            assertThat(records).extracting(record -> header(record, EventHeaders.EVENT_TYPE)).containsOnly("cascade.v1.Test");
            assertThat(records).extracting(ConsumerRecord::key).containsOnly("key");
            assertThat(store.marked()).containsExactly(1L, 2L, 3L, 4L, 5L);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(registry.get("cascade_outbox_published_total").tag("service", SERVICE).counter().count()).isEqualTo(5);
                assertThat(registry.get("cascade_outbox_pending").tag("service", SERVICE).gauge().value()).isZero();
            });
        } finally {
            relay.stop(null);
        }
    }

    @Test
    void neverMovesPastAnEventKafkaDoesNotAcknowledge() throws Exception {
        String topic = "outbox-stuck-" + UUID.randomUUID();
        InMemoryOutboxStore store = new InMemoryOutboxStore();
        store.add(event(1, topic, 10));
        store.add(event(2, topic, 4_096)); // over max-record-bytes: the producer refuses it, every time
        store.add(event(3, topic, 10));
        MeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = relay(store, registry, TestSettings.quick(100, 1_024));
        relay.start(null);
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    registry.get("cascade_outbox_publish_failures_total").tag("service", SERVICE).counter().count())
                    .as("attempts at event 2, retried").isGreaterThanOrEqualTo(3));

            assertThat(store.marked()).containsExactly(1L);
            assertThat(registry.get("cascade_outbox_pending").tag("service", SERVICE).gauge().value()).isEqualTo(2);
            assertThat(relay.alive()).isTrue();
            List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(broker.bootstrapServers()).read(topic, 2, Duration.ofSeconds(3));
            assertThat(records).extracting(record -> header(record, EventHeaders.EVENT_ID))
                    .as("event 3 waits behind event 2").containsExactly("event-1");
        } finally {
            relay.stop(null);
        }
    }

    private static OutboxRelay relay(OutboxStore store, MeterRegistry registry, OutboxConfig settings) {
        OutboxRelay relay = new OutboxRelay();
        relay.store = store;
        relay.config = settings;
        relay.clock = Clock.systemUTC();
        relay.registry = registry;
        relay.bootstrapServers = broker.bootstrapServers();
        relay.applicationName = SERVICE;
        return relay;
    }

    private static PendingEvent event(long id, String topic, int payloadBytes) {
        return new PendingEvent(id, topic, "key", "event-" + id, "cascade.v1.Test", new byte[payloadBytes]);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
