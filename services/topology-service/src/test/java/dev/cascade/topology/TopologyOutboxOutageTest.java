package dev.cascade.topology;

import static dev.cascade.topology.TopologyEventsContract.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** Kafka down while the topology changes: the events wait in the outbox and go out, in order, once Kafka is back. */
@QuarkusTest
@TestProfile(RestartableKafkaProfile.class)
class TopologyOutboxOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TopologyFixture fixture;

    @AfterEach
    void brokerIsUp() {
        RestartableKafkaProfile.Broker.up();
    }

    @Test
    void eventsCommittedWhileKafkaIsDownArePublishedInOrderWhenItIsBack() {
        String kafka = RestartableKafkaProfile.Broker.bootstrapServers();
        long first = fixture.recordEdit(1, 0, 0);
        await().atMost(WAIT).untilAsserted(() -> assertThat(revisions(kafka)).contains(first));
        double failuresBefore = metric("cascade_outbox_publish_failures_total{service=\"topology-service\"}");

        RestartableKafkaProfile.Broker.down();
        long second = fixture.recordEdit(0, 1, 0);
        long third = fixture.recordEdit(0, 0, 1);
        long fourth = fixture.recordEdit(2, 0, 0);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric("cascade_outbox_publish_failures_total{service=\"topology-service\"}")).isGreaterThan(failuresBefore);
            assertThat(metric("cascade_outbox_pending{service=\"topology-service\"}")).isEqualTo(3);
        });

        RestartableKafkaProfile.Broker.up();

        await().atMost(WAIT).untilAsserted(() -> assertThat(metric("cascade_outbox_pending{service=\"topology-service\"}")).isZero());
        // (the database outlives the application between test classes: earlier revisions may precede ours)
        List<Long> revisions = revisions(kafka).stream().filter(revision -> revision >= first).toList();
        assertThat(revisions).containsExactly(first, second, third, fourth);
    }

    private static List<Long> revisions(String kafka) {
        return new KafkaTestClient(kafka).readAll(Topics.TOPOLOGY_CHANGES).stream()
                .map(TopologyOutboxOutageTest::revisionOf).toList();
    }

    private static long revisionOf(ConsumerRecord<String, byte[]> record) {
        try {
            return TopologyChanged.parseFrom(record.value()).getRevision();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a TopologyChanged: " + e.getMessage(), e);
        }
    }
}
