package dev.cascade.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The seed peer (`cascade.metadata.seed-device-ids`) gets every deployment's DEPLOYMENT_NOTICE once, whatever the
 * deployment targets, so that it knows the content's pieces and can serve it from its library; a seed that was
 * away when the deployment was made gets it when it is heard from; it is not sent again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeGrpcPortsResource.class)
@TestProfile(SeedNoticesTest.WithSeeds.class)
class SeedNoticesTest {

    static final String SEED = "5eed0000-0000-4000-8000-000000000001";
    static final String LATE_SEED = "5eed0000-0000-4000-8000-000000000002";

    public static class WithSeeds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cascade.metadata.seed-device-ids", SEED + "," + LATE_SEED);
        }
    }

    private final PeerEvents events = new PeerEvents();

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void everyDeploymentIsNoticedToTheSeedsOnceWhateverItTargets() {
        String net = PeerEvents.subnet();
        events.register(SEED, net + "10", Instant.now());
        await().atMost(PeerEvents.WAIT).untilAsserted(() -> given().get("/peers/" + SEED).then().statusCode(200));
        String target = events.register(net + "11", "central");
        String content = events.deployableContent();

        String deployment = given().contentType(ContentType.JSON).body(Map.of("contentId", content,
                        "target", Map.of("deviceIds", List.of(target)), "policy", Map.of("mode", "PEER_TO_PEER")))
                .post("/deployments").then().statusCode(201).extract().path("deploymentId");
        await().atMost(PeerEvents.WAIT).untilAsserted(() -> assertThat(notices(deployment))
                .extracting(OutboundDatagram::getDestinationId).containsExactlyInAnyOrder(target, SEED));

        // the late seed is heard from after the deployment was made: it gets the notice then; heard again, nothing more
        events.register(LATE_SEED, net + "12", Instant.now());
        await().atMost(PeerEvents.WAIT).untilAsserted(() -> assertThat(notices(deployment))
                .extracting(OutboundDatagram::getDestinationId).containsExactlyInAnyOrder(target, SEED, LATE_SEED));
        events.heartbeat(UUID.randomUUID().toString(), SEED, Heartbeat.newBuilder().setIpAddress(net + "10"), Instant.now(),
                Instant.now());
        events.heartbeat(UUID.randomUUID().toString(), LATE_SEED, Heartbeat.newBuilder().setIpAddress(net + "12"),
                Instant.now(), Instant.now());
        for (String seed : List.of(SEED, LATE_SEED)) {
            await().atMost(PeerEvents.WAIT).untilAsserted(() -> given().get("/peers/" + seed).then().statusCode(200)
                    .body("heartbeats", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        }
        assertThat(notices(deployment)).extracting(OutboundDatagram::getDestinationId)
                .containsExactlyInAnyOrder(target, SEED, LATE_SEED);
    }

    private List<OutboundDatagram> notices(String deployment) {
        return events.kafka.read(Topics.GATEWAY_OUTBOUND, 100_000, Duration.ofSeconds(3)).stream()
                .map(record -> parse(record.value()))
                .filter(datagram -> datagram.getMessageType() == 0x09 && noticeOf(datagram).equals(deployment))
                .toList();
    }

    private static OutboundDatagram parse(byte[] value) {
        try {
            return OutboundDatagram.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an OutboundDatagram", e);
        }
    }

    private static String noticeOf(OutboundDatagram datagram) {
        try {
            return DeploymentNotice.parseFrom(datagram.getPayload()).getDeploymentId();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a DeploymentNotice in a 0x09 datagram", e);
        }
    }
}
