package dev.cascade.wire;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.WrappedKey;

/**
 * Sends a new key to someone who holds an older one (protocol.md §16.1). Datagrams are authenticated, not
 * encrypted, so a key travels encrypted: AES-256-GCM under a key-encryption key derived from the
 * wrapping key ({@code HMAC-SHA256(wrapping secret, "cascade-v1 key wrap")}), a random 12-byte nonce,
 * and the new key's id and family as additional data, so a ciphertext cannot be replayed as another key.
 */
public final class KeyWrap {

    public static final int NONCE_SIZE = 12;
    public static final int TAG_BITS = 128;
    /** The encrypted 32 key bytes followed by the 16-byte GCM tag. */
    public static final int CIPHERTEXT_SIZE = WireKey.SECRET_SIZE + TAG_BITS / 8;
    static final byte[] LABEL = "cascade-v1 key wrap".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrap() {
    }

    /** {@code key} encrypted for whoever holds {@code wrappingKey}. */
    public static WrappedKey wrap(WireKey key, WireKey wrappingKey) {
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, wrappingKey, nonce);
            cipher.updateAAD(additionalData(key.id(), key.purpose()));
            byte[] ciphertext = cipher.doFinal(key.secret());
            return WrappedKey.newBuilder()
                    .setKeyId((int) key.id())
                    .setWrappingKeyId((int) wrappingKey.id())
                    .setNonce(ByteString.copyFrom(nonce))
                    .setCiphertext(ByteString.copyFrom(ciphertext))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    /**
     * The key inside {@code wrapped}, of family {@code purpose}, decrypted with {@code wrappingKey}.
     * Throws {@link IllegalArgumentException} naming the problem when the message is malformed, was
     * wrapped with another key, or does not decrypt (tampered, or another family or id).
     */
    public static WireKey unwrap(WrappedKey wrapped, KeyPurpose purpose, WireKey wrappingKey) {
        long keyId = Integer.toUnsignedLong(wrapped.getKeyId());
        if (keyId == 0) {
            throw new IllegalArgumentException("wrapped key: key_id is 0");
        }
        if (Integer.toUnsignedLong(wrapped.getWrappingKeyId()) != wrappingKey.id()) {
            throw new IllegalArgumentException("wrapped key " + keyId + " is wrapped with key "
                    + Integer.toUnsignedLong(wrapped.getWrappingKeyId()) + ", not with key " + wrappingKey.id());
        }
        if (wrapped.getNonce().size() != NONCE_SIZE) {
            throw new IllegalArgumentException("wrapped key " + keyId + ": nonce must be " + NONCE_SIZE
                    + " bytes, was " + wrapped.getNonce().size());
        }
        if (wrapped.getCiphertext().size() != CIPHERTEXT_SIZE) {
            throw new IllegalArgumentException("wrapped key " + keyId + ": ciphertext must be "
                    + CIPHERTEXT_SIZE + " bytes, was " + wrapped.getCiphertext().size());
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, wrappingKey, wrapped.getNonce().toByteArray());
            cipher.updateAAD(additionalData(keyId, purpose));
            byte[] secret = cipher.doFinal(wrapped.getCiphertext().toByteArray());
            return new WireKey(keyId, purpose, secret, null);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("wrapped key " + keyId + " does not decrypt with key " + wrappingKey.id()
                    + " as a " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " key (tampered or mislabelled)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    private static Cipher cipher(int mode, WireKey wrappingKey, byte[] nonce) throws GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(wrappingKey.secret(), "HmacSHA256"));
        byte[] kek = mac.doFinal(LABEL);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    static byte[] additionalData(long keyId, KeyPurpose purpose) {
        return ByteBuffer.allocate(5).putInt((int) keyId).put((byte) (purpose == KeyPurpose.FLEET ? 1 : 2)).array();
    }
}
