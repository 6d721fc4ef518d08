package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.WrappedKey;

/** AES-256-GCM key wrapping of protocol.md §16.1: what unwraps, and that every change is refused by name. */
class KeyWrapTest {

    private final WireKey oldFleet = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
    private final WireKey newFleet = new WireKey(7, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);

    @Test
    void roundTripsTheKeyWithItsIdAndFamily() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);

        assertThat(wrapped.getKeyId()).isEqualTo(7);
        assertThat(wrapped.getWrappingKeyId()).isEqualTo(1);
        assertThat(wrapped.getNonce().size()).isEqualTo(12);
        assertThat(wrapped.getCiphertext().size()).isEqualTo(48);
        assertThat(KeyWrap.unwrap(wrapped, KeyPurpose.FLEET, oldFleet)).isEqualTo(newFleet);
    }

    @Test
    void aConnectorKeyRoundTripsToo() {
        WireKey connector = new WireKey(9, KeyPurpose.CONNECTOR, DatagramVerifierTest.randomSecret(), null);
        WireKey installed = new WireKey(2, KeyPurpose.CONNECTOR, DatagramVerifierTest.randomSecret(), null);

        assertThat(KeyWrap.unwrap(KeyWrap.wrap(connector, installed), KeyPurpose.CONNECTOR, installed)).isEqualTo(connector);
    }

    @Test
    void everyWrapUsesAFreshNonce() {
        assertThat(KeyWrap.wrap(newFleet, oldFleet).getNonce()).isNotEqualTo(KeyWrap.wrap(newFleet, oldFleet).getNonce());
    }

    @Test
    void aFlippedCiphertextByteDoesNotDecrypt() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);
        for (int i : new int[] {0, 31}) { // the key bytes
            WrappedKey tampered = wrapped.toBuilder().setCiphertext(flip(wrapped.getCiphertext(), i)).build();
            assertThatThrownBy(() -> KeyWrap.unwrap(tampered, KeyPurpose.FLEET, oldFleet))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("wrapped key 7 does not decrypt with key 1 as a fleet key (tampered or mislabelled)");
        }
    }

    @Test
    void aFlippedTagByteDoesNotDecrypt() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);
        for (int i : new int[] {32, 47}) { // the GCM tag
            WrappedKey tampered = wrapped.toBuilder().setCiphertext(flip(wrapped.getCiphertext(), i)).build();
            assertThatThrownBy(() -> KeyWrap.unwrap(tampered, KeyPurpose.FLEET, oldFleet))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt");
        }
    }

    @Test
    void aFlippedNonceByteDoesNotDecrypt() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);
        WrappedKey tampered = wrapped.toBuilder().setNonce(flip(wrapped.getNonce(), 11)).build();

        assertThatThrownBy(() -> KeyWrap.unwrap(tampered, KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void anotherWrappingKeyWithTheSameIdDoesNotDecrypt() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);
        WireKey impostor = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);

        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, KeyPurpose.FLEET, impostor))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt with key 1");
    }

    @Test
    void aKeyWrappedWithAnotherKeyIdIsNamed() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);
        WireKey other = new WireKey(3, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);

        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, KeyPurpose.FLEET, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrapped key 7 is wrapped with key 1, not with key 3");
    }

    @Test
    void anotherKeyIdInTheAdditionalDataDoesNotDecrypt() {
        // the ciphertext of key 7 relabelled as key 8: the additional data binds the id
        WrappedKey relabelled = KeyWrap.wrap(newFleet, oldFleet).toBuilder().setKeyId(8).build();

        assertThatThrownBy(() -> KeyWrap.unwrap(relabelled, KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrapped key 8 does not decrypt with key 1 as a fleet key (tampered or mislabelled)");
    }

    @Test
    void anotherFamilyInTheAdditionalDataDoesNotDecrypt() {
        // a fleet key offered to the connector as its shared key (or the reverse) is refused
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);

        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, KeyPurpose.CONNECTOR, oldFleet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrapped key 7 does not decrypt with key 1 as a connector key (tampered or mislabelled)");
    }

    @Test
    void wrongSizesAndAZeroIdAreNamed() {
        WrappedKey wrapped = KeyWrap.wrap(newFleet, oldFleet);

        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped.toBuilder().setKeyId(0).build(), KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wrapped key: key_id is 0");
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped.toBuilder().setNonce(wrapped.getNonce().substring(1)).build(),
                KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wrapped key 7: nonce must be 12 bytes, was 11");
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped.toBuilder().setCiphertext(wrapped.getCiphertext().substring(16))
                .build(), KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrapped key 7: ciphertext must be 48 bytes, was 32");
        assertThatThrownBy(() -> KeyWrap.unwrap(WrappedKey.getDefaultInstance(), KeyPurpose.FLEET, oldFleet))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wrapped key: key_id is 0");
    }

    @Test
    void matchesTheKeyEncryptionKeyAndAdditionalDataOfTheSpecification() throws Exception {
        // protocol.md §16.1 written out with the JDK alone, so a third party's implementation can be checked
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(FuzzKeys.FLEET.secret(), "HmacSHA256"));
        byte[] kek = mac.doFinal("cascade-v1 key wrap".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        WrappedKey wrapped = KeyWrap.wrap(newFleet, FuzzKeys.FLEET);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(kek, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, wrapped.getNonce().toByteArray()));
        cipher.updateAAD(new byte[] {0, 0, 0, 7, 1});

        assertThat(cipher.doFinal(wrapped.getCiphertext().toByteArray())).isEqualTo(newFleet.secret());
    }

    private static ByteString flip(ByteString bytes, int index) {
        byte[] copy = bytes.toByteArray();
        copy[index] ^= 0x01;
        return ByteString.copyFrom(copy);
    }
}
