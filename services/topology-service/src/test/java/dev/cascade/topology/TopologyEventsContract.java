package dev.cascade.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.TopologyChangeTrigger;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.topology.service.ChangeTrigger;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.service.TopologyChangeLog;
import dev.cascade.testkit.KafkaTestClient;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

/**
 * Topology changes leave through the transactional outbox: a committed change is published once
 * to {@code cascade.topology.changes} with the next revision and rebuilds the directory; a rolled
 * back one does neither. On a real broker and the service's real database: H2
 * ({@link TopologyEventsTest}) and SQL Server in a container ({@link TopologyEventsSqlServerTest}).
 */
abstract class TopologyEventsContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TYPE = TopologyChanged.getDescriptor().getFullName();

    @Inject
    TopologyFixture fixture;

    @Inject
    OfficeDirectory directory;

    @Inject
    TopologyChangeLog changes;

    private final String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

    @Test
    void aRecordedChangeIsPublishedExactlyOnceWithTheNextRevision() throws Exception {
        long before = directory.storedRevision();
        double publishedBefore = metric("cascade_outbox_published_total{service=\"topology-service\"}");
        Instant start = Instant.now().minusSeconds(1);

        long revision = fixture.recordEdit(2, 1, 3);

        assertThat(revision).isEqualTo(before + 1);
        assertThat(directory.revision()).isEqualTo(revision); // rebuilt right after the commit
        await().atMost(WAIT).untilAsserted(() -> assertThat(withRevision(revision)).isNotEmpty());
        List<ConsumerRecord<String, byte[]>> records = withRevision(revision);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        TopologyChanged event = TopologyChanged.parseFrom(record.value());
        assertThat(record.key()).isEqualTo("topology");
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("cascade.v1.TopologyChanged");
        assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(event.getEventId());
        assertThat(UUID.fromString(event.getEventId())).isNotNull();
        assertThat(event.getOfficesAdded()).isEqualTo(2);
        assertThat(event.getOfficesChanged()).isEqualTo(1);
        assertThat(event.getOfficesRemoved()).isEqualTo(3);
        assertThat(event.getTrigger()).isEqualTo(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_OFFICE_EDIT);
        assertThat(Instant.ofEpochMilli(event.getChangedAtUnixMs())).isBetween(start, Instant.now());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric("cascade_outbox_published_total{service=\"topology-service\"}")).isGreaterThanOrEqualTo(publishedBefore + 1);
            assertThat(metric("cascade_outbox_pending{service=\"topology-service\"}")).isZero();
        });
    }

    @Test
    void aRolledBackChangeIsNeitherPublishedNorVisible() throws Exception {
        String written = "written-" + UUID.randomUUID().toString().substring(0, 8);
        String rolledBack = "rolled-back-" + UUID.randomUUID().toString().substring(0, 8);
        fixture.addOffice(written, written, OfficeKind.STANDARD, "central"); // committed, but no change recorded
        long before = directory.storedRevision();

        assertThatThrownBy(() -> fixture.addOfficeAndFail(rolledBack, rolledBack))
                .isInstanceOf(TopologyFixture.RolledBack.class);

        assertThat(directory.storedRevision()).isEqualTo(before);
        assertThat(directory.revision()).isEqualTo(before);
        assertThat(directory.office(written)).as("no rebuild after a rollback").isEmpty();

        long next = fixture.recordEdit(0, 1, 0);

        assertThat(next).isEqualTo(before + 1);
        assertThat(directory.office(written)).as("rebuilt after the commit").isPresent();
        assertThat(directory.office(rolledBack)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(withRevision(next)).isNotEmpty());
        // the rolled-back change took revision before + 1 too: had it been published, there would be two
        List<ConsumerRecord<String, byte[]>> records = withRevision(next);
        assertThat(records).hasSize(1);
        TopologyChanged event = TopologyChanged.parseFrom(records.get(0).value());
        assertThat(event.getTrigger()).isEqualTo(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_OFFICE_EDIT);
        assertThat(event.getOfficesChanged()).isEqualTo(1);
    }

    @Test
    void aChangeIsRecordedOnlyInsideTheTransactionOfTheChange() {
        long before = directory.storedRevision();

        assertThatThrownBy(() -> changes.recordChange(ChangeTrigger.IMPORT, 1, 0, 0)).isInstanceOf(TransactionalException.class);

        assertThat(directory.storedRevision()).isEqualTo(before);
    }

    /** The TopologyChanged records on the topic carrying {@code revision}, read from the beginning. */
    private List<ConsumerRecord<String, byte[]>> withRevision(long revision) {
        return new KafkaTestClient(bootstrapServers).readAll(Topics.TOPOLOGY_CHANGES).stream()
                .filter(record -> revisionOf(record) == revision).toList();
    }

    private static long revisionOf(ConsumerRecord<String, byte[]> record) {
        try {
            return TopologyChanged.parseFrom(record.value()).getRevision();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a TopologyChanged on " + Topics.TOPOLOGY_CHANGES + ": " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}. */
    static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /q/metrics"));
    }
}
