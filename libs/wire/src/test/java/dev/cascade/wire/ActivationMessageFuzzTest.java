package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.WrappedKey;

/**
 * The decoders of the key messages of protocol.md §16 (0x15..0x17), one target each. Whatever the bytes:
 * no exception; a valid message re-encodes to the same valid message; a malformed one names its field first;
 * and a valid message that carries a key carries one {@link KeyWrap#unwrap} accepts the shape of (it may
 * still fail to decrypt, never to parse).
 */
class ActivationMessageFuzzTest {

    @FuzzTest
    void keyRotationRequest(byte[] payload) {
        check(MessageType.KEY_ROTATION_REQUEST, payload);
    }

    @FuzzTest
    void keyRotationResult(byte[] payload) {
        DecodedPayload.Valid valid = check(MessageType.KEY_ROTATION_RESULT, payload);
        if (valid != null && ((KeyRotationResult) valid.message()).hasSharedKey()) {
            unwrapsOrSaysWhy(((KeyRotationResult) valid.message()).getSharedKey(), KeyPurpose.CONNECTOR, FuzzKeys.CONNECTOR);
        }
    }

    @FuzzTest
    void clientActivation(byte[] payload) {
        DecodedPayload.Valid valid = check(MessageType.CLIENT_ACTIVATION, payload);
        if (valid != null && ((ClientActivation) valid.message()).hasFleetKey()) {
            unwrapsOrSaysWhy(((ClientActivation) valid.message()).getFleetKey(), KeyPurpose.FLEET, FuzzKeys.FLEET);
        }
    }

    private static void unwrapsOrSaysWhy(WrappedKey wrapped, KeyPurpose purpose, WireKey wrappingKey) {
        if (Integer.toUnsignedLong(wrapped.getWrappingKeyId()) != wrappingKey.id()) {
            return;
        }
        try {
            assertThat(KeyWrap.unwrap(wrapped, purpose, wrappingKey).id()).isEqualTo(Integer.toUnsignedLong(wrapped.getKeyId()));
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining("does not decrypt"); // the shape was checked: only the decryption can fail
        }
    }

    private static DecodedPayload.Valid check(MessageType type, byte[] payload) {
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);

        if (decoded instanceof DecodedPayload.Valid valid) {
            DecodedPayload again = PayloadDecoder.decode(type, valid.message().toByteArray());
            assertThat(again).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) again).message()).isEqualTo(valid.message());
            return valid;
        }
        DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
        assertThat(malformed.field()).isNotBlank();
        assertThat(malformed.detail()).isNotBlank().startsWith(malformed.field());
        return null;
    }
}
