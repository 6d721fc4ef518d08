package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A rotated key file takes effect without a restart; the previous key keeps working during its grace period. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class KeyRotationTest extends GatewayTestSupport {

    @Test
    void aNewFleetKeyIsAcceptedAfterTheKeyFileChanges() throws Exception {
        WireKey previous = fleetKey();
        WireKey connector = KeyFile.current(keyFile, KeyPurpose.CONNECTOR);
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        WireKey next = new WireKey(previous.id() + 1000, KeyPurpose.FLEET, secret, null);
        double reloadsBefore = counter(GatewayMetrics.KEY_RELOADS, "outcome", "loaded");

        try (TestPeer rotated = new TestPeer(next); TestPeer old = new TestPeer(previous)) {
            Reply before = rotated.register(TestPeer.registration("pc-rotated", "1.0.0"));
            assertThat(before).isInstanceOf(Reply.Rejected.class);
            assertThat(((Reply.Rejected) before).reject().getReason())
                    .isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);

            KeyFile.write(keyFile, List.of(next, previous.retiredUntil(Instant.now().plusSeconds(3600)), connector));

            // each try before the reload is refused at once, so polling is quick
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                    rotated.register(TestPeer.registration("pc-rotated", "1.0.0")) instanceof Reply.Acked);

            assertThat(old.register(TestPeer.registration("pc-old-key", "1.0.0")))
                    .as("the previous key verifies until its grace period ends").isInstanceOf(Reply.Acked.class);
            assertThat(counter(GatewayMetrics.KEY_RELOADS, "outcome", "loaded")).isGreaterThan(reloadsBefore);
            given().get("/gateway/status").then().statusCode(200).body("keys.id", hasItem((int) next.id()));
        }
    }
}
