package dev.cascade.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ServerActivated;
import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Distribution starts only after activation: deployments are refused (409, naming activation) until
 * activation-service's ServerActivated arrives, then accepted; the event is applied once per id and a
 * malformed one goes to the dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeGrpcPortsResource.class)
@TestProfile(ActivationGateTest.ActivationRequired.class)
class ActivationGateTest {

    public static class ActivationRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cascade.metadata.require-activation", "true");
        }
    }

    private static final String TYPE = ServerActivated.getDescriptor().getFullName();
    private final PeerEvents events = new PeerEvents();

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void deploymentsAreRefusedUntilTheServerIsActivatedAndAcceptedAfter() {
        String content = events.deployableContent();
        Map<String, Object> body = Map.of("contentId", content, "target", Map.of("all", true),
                "policy", Map.of("mode", "PEER_TO_PEER"));
        given().contentType(ContentType.JSON).body(body).post("/deployments").then().statusCode(409)
                .body("message", containsString("not activated"));
        given().get("/q/metrics").then().body(containsString("cascade_metadata_server_activated 0.0"));

        String malformed = UUID.randomUUID().toString();
        events.kafka.send(Topics.ACTIVATION_EVENTS, Topics.ACTIVATION_EVENTS_KEY,
                ServerActivated.newBuilder().setEventId(malformed).build().toByteArray(), malformed, TYPE);
        String dlq = Topics.deadLetter(Topics.ACTIVATION_EVENTS, "metadata-service");
        assertThat(events.kafka.read(dlq, 1, PeerEvents.WAIT)).singleElement().satisfies(record ->
                assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(malformed));
        given().contentType(ContentType.JSON).body(body).post("/deployments").then().statusCode(409);

        ServerActivated activated = ServerActivated.newBuilder().setEventId(UUID.randomUUID().toString())
                .setServerName("cascade-hq").setServerIp("10.0.0.5").setCustomer("Acme")
                .setActivatedAtUnixMs(Instant.parse("2026-11-21T09:00:00Z").toEpochMilli()).setFleetKeyId(3)
                .setConnectorKeyId(4).build();
        events.kafka.send(Topics.ACTIVATION_EVENTS, Topics.ACTIVATION_EVENTS_KEY, activated.toByteArray(),
                activated.getEventId(), TYPE);
        await().atMost(PeerEvents.WAIT).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(body).post("/deployments").then().statusCode(201));
        given().get("/q/metrics").then().body(containsString("cascade_metadata_server_activated 1.0"));
        given().queryParam("contentId", content).get("/deployments").then().statusCode(200).body("total", equalTo(1));
    }
}
