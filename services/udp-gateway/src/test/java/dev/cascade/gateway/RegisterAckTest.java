package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A peer's REGISTER becomes one PeerRegistered event, and the peer hears ACK only once the event is on the topic. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class RegisterAckTest extends GatewayTestSupport {

    @Test
    void aRegisterIsAcknowledgedWithTheIdOfItsEventOnTheTopic() throws Exception {
        double acceptedBefore = counter(GatewayMetrics.ACCEPTED, "type", "register");
        long publishedBefore = registry.get(GatewayMetrics.PUBLISH_SECONDS).timer().count();
        try (TestPeer peer = new TestPeer(fleetKey())) {
            Register registration = TestPeer.registration("pc-0042", "1.4.2");
            long before = System.currentTimeMillis();

            Reply reply = peer.register(registration);

            long after = System.currentTimeMillis();
            assertThat(reply).isInstanceOf(Reply.Acked.class);
            Ack ack = ((Reply.Acked) reply).ack();

            List<ConsumerRecord<String, byte[]>> records = recordsOf(peer.id);
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(record.key()).isEqualTo(peer.id.toString());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("cascade.v1.PeerRegistered");

            PeerRegistered event = PeerRegistered.parseFrom(record.value());
            assertThat(event.getEventId()).isEqualTo(ack.getEventId());
            assertThat(event.getDeviceId()).isEqualTo(peer.id.toString());
            assertThat(event.getRegistration()).isEqualTo(registration);
            assertThat(event.getSourceAddress()).isEqualTo("127.0.0.1:" + peer.port());
            assertThat(event.getSentAtUnixMs()).isBetween(before, after);
            assertThat(event.getReceivedAtUnixMs()).isBetween(event.getSentAtUnixMs(), after);
            assertThat((long) event.getKeyId()).isEqualTo(peer.key.id());
            assertThat(event.getGatewayId()).isEqualTo("gateway-test");
            // the documented derivation: name-based UUID of sender id ‖ sequence ‖ timestamp
            byte[] name = ByteBuffer.allocate(32).putLong(peer.id.getMostSignificantBits())
                    .putLong(peer.id.getLeastSignificantBits()).putLong(ack.getAckedSequence())
                    .putLong(event.getSentAtUnixMs()).array();
            assertThat(ack.getEventId()).isEqualTo(UUID.nameUUIDFromBytes(name).toString());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counter(GatewayMetrics.ACCEPTED, "type", "register")).isEqualTo(acceptedBefore + 1);
            assertThat(registry.get(GatewayMetrics.PUBLISH_SECONDS).timer().count()).isEqualTo(publishedBefore + 1);
        });
    }

    @Test
    void aReplayedDatagramIsPublishedOnceAndNotAnswered() throws Exception {
        try (TestPeer peer = new TestPeer(fleetKey())) {
            byte[] datagram = peer.encode(TestPeer.registration("pc-replayed", "1.0.0"), System.currentTimeMillis());
            peer.sendRaw(datagram);
            Optional<TestPeer.Received> first = peer.nextReply(Duration.ofSeconds(10));
            assertThat(first).hasValueSatisfying(reply -> assertThat(reply.type()).isEqualTo(MessageType.ACK));
            double replaysBefore = rejected(DropReason.REPLAY);

            peer.sendRaw(datagram);

            await().atMost(Duration.ofSeconds(5)).until(() -> rejected(DropReason.REPLAY) == replaysBefore + 1);
            assertThat(peer.nextReply(Duration.ofSeconds(1))).as("a replay gets no answer").isEmpty();
            List<ConsumerRecord<String, byte[]>> records = recordsOf(peer.id);
            assertThat(records).hasSize(1);
            assertThat(EventHeaders.required(records.get(0).headers(), EventHeaders.EVENT_ID))
                    .isEqualTo(first.get().ack().getEventId());
        }
    }

    @Test
    void statusListsPortsKeyIdsAndVersionsButNoSecrets() {
        WireKey fleet = fleetKey();
        String body = given().get("/gateway/status").then().statusCode(200)
                .body("gatewayId", equalTo("gateway-test"))
                .body("serverId", equalTo(UUID.nameUUIDFromBytes("cascade-gateway:gateway-test"
                        .getBytes(StandardCharsets.UTF_8)).toString()))
                .body("udpPorts[0].name", equalTo("small-messages"))
                .body("udpPorts[0].port", equalTo(TestPeer.gatewayAddress().getPort()))
                .body("keySource", equalTo(keyFile.toString()))
                .body("keys.purpose", hasItem("FLEET"))
                .body("keys.purpose", hasItem("CONNECTOR"))
                .body("keys.id", hasItem((int) fleet.id()))
                .body("supportedProtocolVersions.min", equalTo("1"))
                .body("supportedProtocolVersions.max", equalTo("1"))
                .body("supportedClientVersions.min", equalTo("1.0.0"))
                .body("supportedClientVersions.max", equalTo("1.99.99"))
                .extract().asString();
        for (WireKey key : KeyFile.read(keyFile)) {
            String secret = key.format().substring(key.format().indexOf(':') + 1);
            assertThat(body).doesNotContain(secret);
        }
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka")).body("checks.name", hasItem("udp-sockets"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("udp-receiver"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_gateway_datagrams_received_total{port=\""
                + TestPeer.gatewayAddress().getPort() + "\"");
        for (DropReason reason : DropReason.values()) {
            assertThat(metrics).contains("cascade_gateway_datagrams_rejected_total{reason=\"" + reason.label() + "\"}");
        }
        assertThat(metrics).contains("cascade_gateway_datagrams_accepted_total{type=\"register\"}",
                "cascade_gateway_kafka_publish_seconds_count", "cascade_gateway_kafka_publish_failures_total",
                "cascade_gateway_replies_sent_total{type=\"ack\"}", "cascade_gateway_replies_sent_total{type=\"reject\"}",
                "cascade_gateway_replies_suppressed_total");

        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/gateway/status");
    }
}
