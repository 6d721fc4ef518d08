package dev.cascade.gateway.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;

class RejectMessagesTest {

    private static final long NOW = 1_795_680_000_000L;
    private static final long SEQUENCE = 1_795_680_000_000_000L;

    private final RejectMessages rejects = new RejectMessages(SupportedVersions.of("1.0.0", "1.99.99"),
            Duration.ofSeconds(300));
    private final Header header = new Header(1, 1, 0, UUID.randomUUID(), 77, SEQUENCE, NOW - 3_600_000, 52);

    @Test
    void eachRejectNamesTheInputAndWhatWasExpected() {
        assertThat(rejects.authenticationFailed(header, DropReason.UNKNOWN_KEY, NOW).getDetail()).contains("key id 77");
        assertThat(rejects.authenticationFailed(header, DropReason.BAD_TAG, NOW).getDetail()).contains("key id 77");
        Reject version = rejects.unsupportedProtocolVersion(2, NOW);
        assertThat(version.getDetail()).contains("protocol version 2").contains("1..1");
        assertThat(version.getRejectedSequence()).isZero();
        assertThat(rejects.staleTimestamp(header, NOW).getDetail()).contains("-3600 s").contains("300 s");
        Reject client = rejects.unsupportedClientVersion(SEQUENCE, "2.0.0", NOW);
        assertThat(client.getDetail()).contains("2.0.0").contains("1.0.0..1.99.99");
        assertThat(client.getSupportedClientVersions().getMax()).isEqualTo("1.99.99");
        Reject connector = rejects.unsupportedClientVersion(SEQUENCE, "connector_version", "2.0.0",
                new dev.cascade.wire.VersionRange("1.0.0", "1.5.0"), NOW);
        assertThat(connector.getDetail()).isEqualTo("connector_version 2.0.0 unsupported; supported 1.0.0..1.5.0");
        assertThat(connector.getSupportedClientVersions().getMax()).isEqualTo("1.5.0");
    }

    @Test
    void aRejectThatFitsIsSentWhole() {
        Reject reject = rejects.unsupportedClientVersion(SEQUENCE, "2.0.0", NOW);

        assertThat(RejectMessages.fit(reject, 1000)).contains(reject);
    }

    @Test
    void theDetailIsShortenedFirstAndAVersionRejectKeepsItsRanges() {
        Reject reject = rejects.unsupportedClientVersion(SEQUENCE, "2.0.0", NOW);
        int budget = datagramSize(reject) - 20;

        Reject fitted = RejectMessages.fit(reject, budget).orElseThrow();

        assertThat(datagramSize(fitted)).isLessThanOrEqualTo(budget);
        assertThat(reject.getDetail()).startsWith(fitted.getDetail());
        assertThat(fitted.getDetail()).isNotEmpty();
        assertThat(fitted.getSupportedClientVersions()).isEqualTo(reject.getSupportedClientVersions());
        assertThat(fitted.getSupportedProtocolVersions()).isEqualTo(reject.getSupportedProtocolVersions());
        assertThat(fitted.getServerTimeUnixMs()).isEqualTo(NOW);
    }

    @Test
    void whenTheDetailIsNotEnoughTheFieldsThisReasonDoesNotNeedGoNext() {
        Reject stale = rejects.staleTimestamp(header, NOW).toBuilder()
                .setSupportedClientVersions(rejects.unsupportedClientVersion(1, "2.0.0", NOW).getSupportedClientVersions())
                .build();
        int bare = datagramSize(Reject.newBuilder().setReason(stale.getReason())
                .setRejectedSequence(SEQUENCE).setServerTimeUnixMs(NOW).build());

        Reject fitted = RejectMessages.fit(stale, bare).orElseThrow();

        assertThat(fitted.getDetail()).isEmpty();
        assertThat(fitted.hasSupportedClientVersions()).isFalse();
        assertThat(fitted.getServerTimeUnixMs()).as("what a stale sender needs").isEqualTo(NOW);
        assertThat(fitted.getReason()).isEqualTo(RejectReason.REJECT_REASON_STALE_TIMESTAMP);
        assertThat(fitted.getRejectedSequence()).isEqualTo(SEQUENCE);
    }

    @Test
    void aRequestTooSmallForEvenReasonAndSequenceGetsNoReject() {
        Reject reject = rejects.authenticationFailed(header, DropReason.UNKNOWN_KEY, NOW);

        assertThat(RejectMessages.fit(reject, Header.SIZE + Header.TAG_SIZE + 4)).isEmpty();
        assertThat(RejectMessages.fit(rejects.unsupportedProtocolVersion(2, NOW), 5 + 32)).isEmpty();
    }

    @Test
    void aFittedRejectIsNeverLargerThanItsBudget() {
        Reject reject = rejects.unsupportedClientVersion(SEQUENCE, "2.0.0", NOW);
        for (int budget = Header.SIZE + Header.TAG_SIZE; budget < datagramSize(reject) + 5; budget++) {
            int max = budget;
            RejectMessages.fit(reject, budget).ifPresent(fitted -> assertThat(datagramSize(fitted)).isLessThanOrEqualTo(max));
        }
    }

    private static int datagramSize(Reject reject) {
        return DatagramCodec.encodeUnauthenticated(MessageType.REJECT, UUID.randomUUID(), 1, NOW, reject.toByteArray())
                .length;
    }
}
