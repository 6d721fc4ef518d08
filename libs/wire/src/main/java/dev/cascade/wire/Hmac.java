package dev.cascade.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one initialised {@link Mac} per key and thread (a Mac is not thread-safe; creating one is slow). */
final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Map<WireKey, Mac>> MACS = ThreadLocal.withInitial(IdentityHashMap::new);

    private Hmac() {
    }

    static void tag(WireKey key, byte[] data, int offset, int length, byte[] out, int outOffset) {
        Mac mac = macFor(key);
        mac.update(data, offset, length);
        try {
            mac.doFinal(out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC output buffer too small", e);
        }
    }

    /** Constant-time comparison of the computed tag with the received one. */
    static boolean verify(WireKey key, byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        Mac mac = macFor(key);
        mac.update(data, offset, length);
        byte[] expected = mac.doFinal();
        byte[] received = new byte[Header.TAG_SIZE];
        System.arraycopy(tag, tagOffset, received, 0, Header.TAG_SIZE);
        return MessageDigest.isEqual(expected, received);
    }

    private static Mac macFor(WireKey key) {
        Map<WireKey, Mac> macs = MACS.get();
        Mac mac = macs.get(key);
        if (mac == null) {
            if (macs.size() > 64) {
                macs.clear(); // rotated-out keys are not kept forever
            }
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
            macs.put(key, mac);
        }
        return mac;
    }
}
