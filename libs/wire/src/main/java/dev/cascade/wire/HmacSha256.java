package dev.cascade.wire;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) for one key, bit-identical to {@code javax.crypto.Mac} "HmacSHA256", with the
 * key's two padded blocks hashed once instead of per message (RFC 2104 §4, implementation note): the
 * SHA-256 states after {@code K xor ipad} and after {@code K xor opad} are kept and cloned per message.
 * A {@code Mac} re-hashes both blocks every time, which for a 100-byte datagram is two of its five
 * SHA-256 compressions. Not thread-safe (the scratch buffer is reused): one instance per thread.
 */
final class HmacSha256 {

    static final int TAG_SIZE = 32;
    private static final int BLOCK_SIZE = 64;
    private static final String DIGEST = "SHA-256";

    private final MessageDigest afterInnerPad;
    private final MessageDigest afterOuterPad;
    private final byte[] scratch = new byte[TAG_SIZE];

    /** A key of any length, as {@code SecretKeySpec} takes it; keys longer than a block are hashed first. */
    HmacSha256(byte[] key) {
        byte[] block = new byte[BLOCK_SIZE];
        byte[] k = key.length > BLOCK_SIZE ? newDigest().digest(key) : key;
        System.arraycopy(k, 0, block, 0, k.length);
        afterInnerPad = newDigest();
        afterOuterPad = newDigest();
        for (int i = 0; i < BLOCK_SIZE; i++) {
            afterInnerPad.update((byte) (block[i] ^ 0x36));
            afterOuterPad.update((byte) (block[i] ^ 0x5c));
        }
        Arrays.fill(block, (byte) 0);
        copyOf(afterInnerPad); // fail here, not on the first datagram, if the provider cannot clone
    }

    /** Writes the tag of {@code data[offset..offset+length)} to {@code out[outOffset..outOffset+32)}. */
    void tag(byte[] data, int offset, int length, byte[] out, int outOffset) {
        MessageDigest inner = copyOf(afterInnerPad);
        inner.update(data, offset, length);
        digestInto(inner, scratch, 0);
        MessageDigest outer = copyOf(afterOuterPad);
        outer.update(scratch, 0, TAG_SIZE);
        digestInto(outer, out, outOffset);
    }

    /** True if {@code tag[tagOffset..tagOffset+32)} is the tag of the data; compares in constant time. */
    boolean matches(byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        if (tagOffset < 0 || tagOffset > tag.length - TAG_SIZE) {
            throw new IndexOutOfBoundsException("a tag of " + TAG_SIZE + " bytes at " + tagOffset
                    + " does not fit in " + tag.length + " bytes");
        }
        // tag() may write to scratch: the outer hash has read the inner one from it before writing the tag
        tag(data, offset, length, scratch, 0);
        int difference = 0;
        for (int i = 0; i < TAG_SIZE; i++) {
            difference |= scratch[i] ^ tag[tagOffset + i];
        }
        return difference == 0;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 of provider " + digest.getProvider().getName()
                    + " cannot be cloned; HMAC needs a cloneable SHA-256 (the JDK's SUN provider is)", e);
        }
    }

    private static void digestInto(MessageDigest digest, byte[] out, int outOffset) {
        try {
            digest.digest(out, outOffset, TAG_SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException("HMAC output buffer too small", e);
        }
    }
}
