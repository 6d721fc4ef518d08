package dev.cascade.metadata.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;

class PeerReplyTest {

    private static final String DEVICE = UUID.randomUUID().toString();
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void aRejectKeepsItsReasonInLowerCaseAndThePeersSentence() {
        PeerReply reply = PeerReply.from("e1", event(PeerReply.REJECT, Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED).setDetail("  key id 4 unknown ").build()
                .toByteString()).setReceivedAtUnixMs(1_000).build(), NOW);

        assertThat(reply.rejected()).isTrue();
        assertThat(reply.reason()).isEqualTo("authentication_failed");
        assertThat(reply.detail()).isEqualTo("key id 4 unknown");
        assertThat(reply.receivedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(reply.deviceId()).isEqualTo(DEVICE);
    }

    @Test
    void anAckHasNoReasonAndWithoutAReceptionTimeIsDatedNow() {
        PeerReply reply = PeerReply.from("e2", event(PeerReply.ACK, Ack.newBuilder().setAckedSequence(3).build().toByteString())
                .build(), NOW);

        assertThat(reply.rejected()).isFalse();
        assertThat(reply.reason()).isEmpty();
        assertThat(reply.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void aLongSentenceIsCutToTheStoredLengthAndAnUnknownReasonIsOneLabel() {
        PeerReply reply = PeerReply.from("e3", event(PeerReply.REJECT, Reject.newBuilder().setReasonValue(1234)
                .setDetail("x".repeat(1000)).build().toByteString()).build(), NOW);

        assertThat(reply.reason()).isEqualTo("unknown");
        assertThat(reply.detail()).hasSize(PeerReply.MAX_DETAIL).endsWith("x…");
    }

    @Test
    void whatIsNotAPeersReplyIsRefusedNamingTheEventAndTheProblem() {
        assertThatThrownBy(() -> PeerReply.from("e4", event(0x06, ByteString.EMPTY).build(), NOW))
                .hasMessageContaining("e4").hasMessageContaining("message_type 0x6 is neither ACK (0x02) nor REJECT (0x03)");
        assertThatThrownBy(() -> PeerReply.from("e5", event(PeerReply.REJECT, ByteString.copyFrom(new byte[] {(byte) 0xff}))
                .build(), NOW)).hasMessageContaining("e5").hasMessageContaining("does not parse as a Reject");
        assertThatThrownBy(() -> PeerReply.from("e6", event(PeerReply.ACK, ByteString.EMPTY).setDeviceId("pc-1").build(), NOW))
                .hasMessageContaining("e6").hasMessageContaining("device_id");
    }

    private static PeerReplyReceived.Builder event(int type, ByteString payload) {
        return PeerReplyReceived.newBuilder().setEventId("ignored").setDeviceId(DEVICE).setMessageType(type).setPayload(payload);
    }
}
