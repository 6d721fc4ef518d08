package dev.cascade.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bytes that are not a datagram of this protocol are counted, never answered, and never stop the gateway. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class BadDatagramsTest extends GatewayTestSupport {

    @Test
    void garbageTruncatedAndOversizedDatagramsAreCountedUnansweredAndServiceGoesOn() throws Exception {
        int port = TestPeer.gatewayAddress().getPort();
        double receivedBefore = counter(GatewayMetrics.RECEIVED, "port", Integer.toString(port));
        double badMagicBefore = rejected(DropReason.BAD_MAGIC);
        double badLengthBefore = rejected(DropReason.BAD_LENGTH);
        double unknownTypeBefore = rejected(DropReason.UNKNOWN_TYPE);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            byte[] garbage = new byte[200];
            new Random(7).nextBytes(garbage);
            garbage[0] = 0; // not the "CSCD" magic
            byte[] valid = peer.encode(TestPeer.registration("pc-bad-bytes", "1.0.0"), System.currentTimeMillis());
            byte[] truncated = Arrays.copyOf(valid, Header.SIZE + 4);
            byte[] oversized = Arrays.copyOf(valid, 60_000); // the length field no longer matches
            byte[] tiny = {0x43, 0x53};
            byte[] notForTheGateway = DatagramCodec.encode(MessageType.ACK, peer.id, peer.key, 1_000_000_000L,
                    System.currentTimeMillis(), Ack.newBuilder().setAckedSequence(1).build().toByteArray());

            for (byte[] datagram : new byte[][] {garbage, truncated, oversized, tiny, notForTheGateway}) {
                peer.sendRaw(datagram);
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(counter(GatewayMetrics.RECEIVED, "port", Integer.toString(port))).isEqualTo(receivedBefore + 5);
                assertThat(rejected(DropReason.BAD_MAGIC)).isEqualTo(badMagicBefore + 1);
                assertThat(rejected(DropReason.BAD_LENGTH)).isEqualTo(badLengthBefore + 3);
                assertThat(rejected(DropReason.UNKNOWN_TYPE)).isEqualTo(unknownTypeBefore + 1);
            });
            assertThat(peer.nextReply(Duration.ofSeconds(1))).as("bad framing is never answered").isEmpty();

            Reply reply = peer.register(TestPeer.registration("pc-after-garbage", "1.0.0"));
            assertThat(reply).isInstanceOf(Reply.Acked.class);
        }
        assertThat(counter(GatewayMetrics.INTERNAL_ERRORS)).isZero();
    }

    @Test
    void aFloodOfRandomBytesLeavesTheReceiverAlive() throws Exception {
        Random random = new Random(11);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            for (int i = 0; i < 500; i++) {
                byte[] datagram = new byte[random.nextInt(300)];
                random.nextBytes(datagram);
                if (i % 2 == 0 && datagram.length >= 5) { // half pass the magic and version checks
                    System.arraycopy(new byte[] {0x43, 0x53, 0x43, 0x44, 1}, 0, datagram, 0, 5);
                }
                peer.sendRaw(datagram);
            }
            Reply reply = peer.register(TestPeer.registration("pc-after-flood-" + UUID.randomUUID(), "1.0.0"));
            assertThat(reply).isInstanceOf(Reply.Acked.class);
        }
        assertThat(counter(GatewayMetrics.INTERNAL_ERRORS)).isZero();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
