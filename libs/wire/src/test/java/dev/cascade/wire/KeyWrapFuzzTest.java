package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.WrappedKey;

/** {@link KeyWrap#unwrap} on hostile input: only {@link IllegalArgumentException}, and nothing changed ever decrypts. */
class KeyWrapFuzzTest {

    /** Key 7 wrapped once with the fuzz tests' fleet key (a fresh nonce per JVM: the property does not depend on it). */
    private static final WireKey NEW_KEY = new WireKey(7, KeyPurpose.FLEET, new byte[WireKey.SECRET_SIZE], null);
    private static final WrappedKey WRAPPED = KeyWrap.wrap(NEW_KEY, FuzzKeys.FLEET);

    @FuzzTest
    void unwrapArbitraryBytes(byte[] data) {
        WrappedKey wrapped;
        try {
            wrapped = WrappedKey.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        try {
            WireKey key = KeyWrap.unwrap(wrapped, KeyPurpose.FLEET, FuzzKeys.FLEET);
            assertThat(key.id()).isEqualTo(Integer.toUnsignedLong(wrapped.getKeyId()));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("wrapped key");
        }
    }

    /** A real wrapped key with up to four bytes of nonce or ciphertext changed, or its id or family changed. */
    @FuzzTest
    void unwrapTampered(FuzzedDataProvider data) {
        byte[] nonce = WRAPPED.getNonce().toByteArray();
        byte[] ciphertext = WRAPPED.getCiphertext().toByteArray();
        int changes = data.consumeInt(0, 4);
        for (int i = 0; i < changes; i++) {
            int at = data.consumeInt(0, nonce.length + ciphertext.length - 1);
            byte mask = data.consumeByte();
            if (at < nonce.length) {
                nonce[at] ^= mask;
            } else {
                ciphertext[at - nonce.length] ^= mask;
            }
        }
        int keyId = data.consumeBoolean() ? WRAPPED.getKeyId() : data.consumeInt();
        KeyPurpose purpose = data.consumeBoolean() ? KeyPurpose.FLEET : KeyPurpose.CONNECTOR;
        WrappedKey tampered = WRAPPED.toBuilder().setKeyId(keyId).setNonce(ByteString.copyFrom(nonce))
                .setCiphertext(ByteString.copyFrom(ciphertext)).build();
        boolean unchanged = tampered.equals(WRAPPED) && purpose == KeyPurpose.FLEET;

        try {
            WireKey key = KeyWrap.unwrap(tampered, purpose, FuzzKeys.FLEET);
            assertThat(unchanged).as("a changed wrapped key decrypted").isTrue();
            assertThat(key).isEqualTo(NEW_KEY);
        } catch (IllegalArgumentException e) {
            assertThat(unchanged).as("the intact wrapped key did not decrypt: " + e.getMessage()).isFalse();
        }
    }
}
