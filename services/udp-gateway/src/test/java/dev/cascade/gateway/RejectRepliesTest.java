package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Datagrams the gateway refuses get an explicit REJECT that says why, and are never published. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class RejectRepliesTest extends GatewayTestSupport {

    @Test
    void aWrongKeyGetsAnUnauthenticatedAuthenticationFailedReject() throws Exception {
        double before = rejected(DropReason.UNKNOWN_KEY);
        try (TestPeer peer = new TestPeer(randomKey(77))) {
            Reply reply = peer.register(TestPeer.registration("pc-wrong-key", "1.0.0"));

            Reply.Rejected rejected = rejectedReply(reply);
            assertThat(rejected.authenticated()).as("the gateway cannot tag a reply with a key it does not have").isFalse();
            assertThat(rejected.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
            assertThat(rejected.reject().getDetail()).contains("key id 77");
            assertThat(rejected(DropReason.UNKNOWN_KEY)).isEqualTo(before + rejected.attempts());
        }
    }

    @Test
    void aTamperedDatagramGetsNoAckOnlyAnAuthenticationFailure() throws Exception {
        double before = rejected(DropReason.BAD_TAG);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            byte[] datagram = peer.encode(TestPeer.registration("pc-tampered", "1.0.0"), System.currentTimeMillis());
            datagram[Header.SIZE + 3] ^= 0x01; // one bit of the payload

            peer.sendRaw(datagram);

            TestPeer.Received reply = peer.nextReply(Duration.ofSeconds(5)).orElseThrow();
            assertThat(reply.type()).isEqualTo(MessageType.REJECT);
            assertThat(reply.authenticated()).isFalse();
            assertThat(reply.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
            assertThat(reply.reject().getRejectedSequence()).isEqualTo(sequenceOf(datagram));
            assertThat(reply.length()).isLessThanOrEqualTo(datagram.length + ReplySender.REJECT_SLACK_BYTES);
            assertThat(peer.nextReply(Duration.ofSeconds(1))).as("never an ACK").isEmpty();
            assertThat(rejected(DropReason.BAD_TAG)).isEqualTo(before + 1);
            assertThat(recordsOf(peer.id)).isEmpty();
        }
    }

    @Test
    void anUnsupportedClientVersionGetsASignedRejectNamingTheSupportedRange() throws Exception {
        double before = rejected(DropReason.UNSUPPORTED_CLIENT_VERSION);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            Reply reply = peer.register(TestPeer.registration("pc-future", "2.0.0"));

            Reply.Rejected rejected = rejectedReply(reply);
            assertThat(rejected.authenticated()).isTrue();
            Reject reject = rejected.reject();
            assertThat(reject.getReason()).isEqualTo(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION);
            assertThat(reject.getDetail()).contains("2.0.0");
            assertThat(reject.getSupportedClientVersions().getMin()).isEqualTo("1.0.0");
            assertThat(reject.getSupportedClientVersions().getMax()).isEqualTo("1.99.99");
            assertThat(reject.getSupportedProtocolVersions().getMin()).isEqualTo("1");
            assertThat(reject.getSupportedProtocolVersions().getMax()).isEqualTo("1");
            assertThat(rejected(DropReason.UNSUPPORTED_CLIENT_VERSION)).isEqualTo(before + rejected.attempts());
            assertThat(recordsOf(peer.id)).isEmpty();
        }
    }

    @Test
    void aWrongProtocolVersionByteGetsUnsupportedProtocolVersion() throws Exception {
        double before = rejected(DropReason.UNSUPPORTED_VERSION);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            byte[] datagram = peer.encode(TestPeer.registration("pc-v2", "1.0.0"), System.currentTimeMillis());
            datagram[4] = 2;

            peer.sendRaw(datagram);

            TestPeer.Received reply = peer.nextReply(Duration.ofSeconds(5)).orElseThrow();
            assertThat(reply.authenticated()).isFalse();
            Reject reject = reply.reject();
            assertThat(reject.getReason()).isEqualTo(RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(reject.getRejectedSequence()).isZero();
            assertThat(reject.getDetail()).contains("protocol version 2");
            assertThat(reply.length()).isLessThanOrEqualTo(datagram.length + ReplySender.REJECT_SLACK_BYTES);
            assertThat(reject.getSupportedProtocolVersions().getMin()).isEqualTo("1");
            assertThat(reject.getSupportedProtocolVersions().getMax()).isEqualTo("1");
            assertThat(rejected(DropReason.UNSUPPORTED_VERSION)).isEqualTo(before + 1);
        }
    }

    @Test
    void aDatagramTooSmallToOutweighItsRejectIsNotAnswered() throws Exception {
        double versionsBefore = rejected(DropReason.UNSUPPORTED_VERSION);
        double suppressedBefore = counter(GatewayMetrics.REPLIES_SUPPRESSED);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            peer.sendRaw(new byte[] {0x43, 0x53, 0x43, 0x44, 9, 0, 0, 0}); // "CSCD", version 9: 8 bytes

            await().atMost(Duration.ofSeconds(5)).until(() -> rejected(DropReason.UNSUPPORTED_VERSION) == versionsBefore + 1);
            assertThat(peer.nextReply(Duration.ofSeconds(1))).as("an answer would amplify").isEmpty();
            assertThat(counter(GatewayMetrics.REPLIES_SUPPRESSED)).isEqualTo(suppressedBefore + 1);
        }
    }

    @Test
    void aStaleTimestampGetsASignedRejectWithTheServerTime() throws Exception {
        double before = rejected(DropReason.STALE_TIMESTAMP);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            long sent = System.currentTimeMillis();
            byte[] datagram = peer.encode(TestPeer.registration("pc-slow-clock", "1.0.0"), sent - 3_600_000);

            peer.sendRaw(datagram);

            TestPeer.Received reply = peer.nextReply(Duration.ofSeconds(5)).orElseThrow();
            assertThat(reply.authenticated()).isTrue();
            assertThat(reply.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_STALE_TIMESTAMP);
            assertThat(reply.reject().getRejectedSequence()).isEqualTo(sequenceOf(datagram));
            assertThat(reply.reject().getServerTimeUnixMs()).isBetween(sent, System.currentTimeMillis());
            assertThat(rejected(DropReason.STALE_TIMESTAMP)).isEqualTo(before + 1);
        }
    }

    static Stream<Arguments> malformedRegistrations() {
        Register valid = TestPeer.registration("pc-malformed", "1.0.0");
        return Stream.of(
                Arguments.of(valid.toBuilder().setHostname("").build().toByteArray(), "hostname"),
                Arguments.of(valid.toBuilder().setIpAddress("pc.example.com").build().toByteArray(), "ip_address"),
                Arguments.of(valid.toBuilder().setPrefixLength(33).build().toByteArray(), "prefix_length"),
                Arguments.of(valid.toBuilder().setClientVersion("1.x").build().toByteArray(), "client_version"),
                Arguments.of(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, "payload"));
    }

    @ParameterizedTest
    @MethodSource("malformedRegistrations")
    void aMalformedPayloadGetsASignedRejectNamingTheField(byte[] payload, String field) throws Exception {
        double before = rejected(DropReason.MALFORMED_PAYLOAD);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            byte[] datagram = peer.encodePayload(payload);

            peer.sendRaw(datagram);

            TestPeer.Received reply = peer.nextReply(Duration.ofSeconds(5)).orElseThrow();
            assertThat(reply.authenticated()).isTrue();
            assertThat(reply.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);
            assertThat(reply.reject().getDetail()).startsWith(field);
            assertThat(reply.length()).isLessThanOrEqualTo(datagram.length + ReplySender.REJECT_SLACK_BYTES);
            assertThat(reply.reject().getRejectedSequence()).isEqualTo(sequenceOf(datagram));
            await().atMost(Duration.ofSeconds(2)).until(() -> rejected(DropReason.MALFORMED_PAYLOAD) == before + 1);
        }
    }

    private static Reply.Rejected rejectedReply(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Rejected.class);
        return (Reply.Rejected) reply;
    }

    private static long sequenceOf(byte[] datagram) {
        return java.nio.ByteBuffer.wrap(datagram, 28, 8).getLong();
    }

    private static WireKey randomKey(long id) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return new WireKey(id, KeyPurpose.FLEET, secret, null);
    }
}
