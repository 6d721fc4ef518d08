package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every message type's decoder on any bytes. The first byte picks the type (its code, or the
 * type at that position modulo the number of types), the rest is the payload.
 */
class PayloadDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        MessageType type = MessageType.fromCode(data[0] & 0xFF)
                .orElse(MessageType.values()[(data[0] & 0xFF) % MessageType.values().length]);
        byte[] payload = Arrays.copyOfRange(data, 1, data.length);

        DecodedPayload decoded = PayloadDecoder.decode(type, payload);

        if (decoded instanceof DecodedPayload.Valid valid) {
            // what validated re-encodes to a payload that decodes to the same valid message
            DecodedPayload again = PayloadDecoder.decode(type, valid.message().toByteArray());
            assertThat(again).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) again).message()).isEqualTo(valid.message());
        } else {
            DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
            assertThat(malformed.field()).isNotBlank();
            assertThat(malformed.detail()).isNotBlank();
        }
    }
}
