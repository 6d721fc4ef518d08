package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.RingKey;
import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Keys from activation-service's key ring (gRPC GetKeyRing, polled) instead of a key file: the gateway starts
 * without keys and not ready while activation-service does not answer, takes the first ring, takes a rotated ring
 * without a restart (the retired key verifies until its grace ends), and refuses a bad ring, keeping its keys.
 * The methods run in order: each continues from the ring the one before left.
 */
@QuarkusTest
@TestProfile(ActivationServiceKeysTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivationServiceKeysTest {

    /** Keys from the fake activation-service only (no key file), polled often, a short startup wait. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cascade.keys.poll-interval", "200ms", "cascade.keys.startup-wait", "1s",
                    "cascade.keys.request-timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class),
                    new TestResourceEntry(FakeActivationService.class));
        }

        /** The other tests' key file resource would be a second key source. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final WireKey FLEET_1 = key(11, KeyPurpose.FLEET);
    private static final WireKey CONNECTOR_2 = key(12, KeyPurpose.CONNECTOR);
    private static final WireKey FLEET_3 = key(13, KeyPurpose.FLEET);

    @Inject
    MeterRegistry registry;

    @Test
    @Order(1)
    void withoutAnAnswerTheGatewayIsNotReadyAndVerifiesNothingThenTheFirstRingMakesItReady() throws Exception {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'keys' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'keys' }.data.problem", startsWith("activation-service at 127.0.0.1:"));
        try (TestPeer peer = new TestPeer(FLEET_1)) {
            Reply before = peer.register(TestPeer.registration("pc-before-ring", "1.0.0"));
            assertThat(before).isInstanceOf(Reply.Rejected.class);
            assertThat(((Reply.Rejected) before).reject().getReason())
                    .isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
        }
        assertThat(counter(GatewayMetrics.KEY_RING_FETCH_FAILURES)).isPositive();

        FakeActivationService.serve(ring(1, ringKey(FLEET_1, 0), ringKey(CONNECTOR_2, 0)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'keys' }.status", equalTo("UP")));
        try (TestPeer peer = new TestPeer(FLEET_1)) {
            assertThat(peer.register(TestPeer.registration("pc-first-ring", "1.0.0"))).isInstanceOf(Reply.Acked.class);
        }
        given().get("/gateway/status").then().statusCode(200)
                .body("keySource", startsWith("activation-service at 127.0.0.1:"))
                .body("keyRingRevision", equalTo("1"))
                .body("keys.id", equalTo(List.of(11, 12)));
        assertThat(registry.get(GatewayMetrics.KEY_RING_REVISION).gauge().value()).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void aRotatedRingTakesEffectAfterThePollAndTheRetiredKeyVerifiesUntilItsGraceEnds() throws Exception {
        double loaded = counter(GatewayMetrics.KEY_RELOADS, "outcome", "loaded");
        Instant graceEnd = Instant.now().plusSeconds(4);
        FakeActivationService.serve(ring(2, ringKey(FLEET_3, 0), ringKey(FLEET_1, graceEnd.toEpochMilli()),
                ringKey(CONNECTOR_2, 0)));

        try (TestPeer rotated = new TestPeer(FLEET_3); TestPeer old = new TestPeer(FLEET_1)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                    rotated.register(TestPeer.registration("pc-new-key", "1.0.0")) instanceof Reply.Acked);
            assertThat(old.register(TestPeer.registration("pc-old-key", "1.0.0")))
                    .as("the retired key in its grace period").isInstanceOf(Reply.Acked.class);
            assertThat(counter(GatewayMetrics.KEY_RELOADS, "outcome", "loaded")).isEqualTo(loaded + 1);

            long untilGraceEnd = graceEnd.toEpochMilli() - System.currentTimeMillis();
            if (untilGraceEnd > 0) {
                Thread.sleep(untilGraceEnd + 100);
            }
            Reply after = old.register(TestPeer.registration("pc-old-key", "1.0.0"));
            assertThat(after).as("the retired key after its grace period").isInstanceOf(Reply.Rejected.class);
            assertThat(((Reply.Rejected) after).reject().getReason())
                    .isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
            assertThat(rotated.register(TestPeer.registration("pc-new-key", "1.0.0"))).isInstanceOf(Reply.Acked.class);
        }
    }

    @Test
    @Order(3)
    void aBadRingIsRefusedCountedAndTheKeysInForceStay() throws Exception {
        double failed = counter(GatewayMetrics.KEY_RELOADS, "outcome", "failed");
        // no current fleet key: every peer would be locked out
        FakeActivationService.serve(ring(3, ringKey(FLEET_3, Instant.now().plusSeconds(600).toEpochMilli()),
                ringKey(CONNECTOR_2, 0)));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                counter(GatewayMetrics.KEY_RELOADS, "outcome", "failed") == failed + 1);
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'keys' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'keys' }.data.revision", equalTo("2"))
                .body("checks.find { it.name == 'keys' }.data.problem", startsWith(
                        "activation-service at 127.0.0.1:"));
        try (TestPeer peer = new TestPeer(FLEET_3)) {
            assertThat(peer.register(TestPeer.registration("pc-after-bad-ring", "1.0.0")))
                    .isInstanceOf(Reply.Acked.class);
        }
        Thread.sleep(600); // a few more polls of the same bad revision
        assertThat(counter(GatewayMetrics.KEY_RELOADS, "outcome", "failed")).as("counted once per revision")
                .isEqualTo(failed + 1);
    }

    @Test
    @Order(4)
    void whenActivationServiceStopsAnsweringTheKeysInForceStay() throws Exception {
        double failures = counter(GatewayMetrics.KEY_RING_FETCH_FAILURES);
        FakeActivationService.serve(null);

        await().atMost(Duration.ofSeconds(20)).until(() -> counter(GatewayMetrics.KEY_RING_FETCH_FAILURES) > failures);
        try (TestPeer peer = new TestPeer(FLEET_3)) {
            assertThat(peer.register(TestPeer.registration("pc-service-down", "1.0.0"))).isInstanceOf(Reply.Acked.class);
        }
        given().get("/q/health/ready").then().body("checks.find { it.name == 'keys' }.status", equalTo("UP"));
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private static WireKey key(long id, KeyPurpose purpose) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        RANDOM.nextBytes(secret);
        return new WireKey(id, purpose, secret, null);
    }

    private static RingKey ringKey(WireKey key, long retiredUntilMillis) {
        // the secret is package-private in WireKey; its text form carries it
        String text = key.format();
        byte[] secret = java.util.Base64.getDecoder().decode(text.substring(text.indexOf(':') + 1));
        return RingKey.newBuilder().setId((int) key.id())
                .setFamily(key.purpose() == KeyPurpose.FLEET ? "fleet" : "connector")
                .setSecret(ByteString.copyFrom(secret)).setRetiredUntilUnixMs(retiredUntilMillis).build();
    }

    private static WireKeyRing ring(long revision, RingKey... keys) {
        return WireKeyRing.newBuilder().setRevision(revision).addAllKeys(List.of(keys)).build();
    }
}
