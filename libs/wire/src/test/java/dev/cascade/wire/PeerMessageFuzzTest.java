package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The decoders of the peer reports and server messages (0x06..0x0B), one target each, so the fuzzer
 * spends its time inside one message's rules instead of picking a type. Whatever the bytes: no exception;
 * a valid message re-encodes to one that decodes to the same valid message; a malformed one names a field
 * and says what was expected.
 */
class PeerMessageFuzzTest {

    @FuzzTest
    void heartbeat(byte[] payload) {
        check(MessageType.HEARTBEAT, payload);
    }

    @FuzzTest
    void inventoryReport(byte[] payload) {
        check(MessageType.INVENTORY_REPORT, payload);
    }

    @FuzzTest
    void transferReport(byte[] payload) {
        check(MessageType.TRANSFER_REPORT, payload);
    }

    @FuzzTest
    void deploymentNotice(byte[] payload) {
        check(MessageType.DEPLOYMENT_NOTICE, payload);
    }

    @FuzzTest
    void planRequest(byte[] payload) {
        check(MessageType.PLAN_REQUEST, payload);
    }

    @FuzzTest
    void sourcePlan(byte[] payload) {
        check(MessageType.SOURCE_PLAN, payload);
    }

    private static void check(MessageType type, byte[] payload) {
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);

        if (decoded instanceof DecodedPayload.Valid valid) {
            DecodedPayload again = PayloadDecoder.decode(type, valid.message().toByteArray());
            assertThat(again).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) again).message()).isEqualTo(valid.message());
        } else {
            DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
            assertThat(malformed.field()).isNotBlank();
            assertThat(malformed.detail()).isNotBlank().startsWith(malformed.field().replaceAll("\\[.*", ""));
        }
    }
}
