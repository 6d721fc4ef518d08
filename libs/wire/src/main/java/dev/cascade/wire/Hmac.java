package dev.cascade.wire;

import java.util.IdentityHashMap;
import java.util.Map;

/** HMAC-SHA256 of datagrams with one prepared {@link HmacSha256} per key and thread (it is not thread-safe). */
final class Hmac {

    private static final ThreadLocal<Map<WireKey, HmacSha256>> BY_KEY = ThreadLocal.withInitial(IdentityHashMap::new);

    private Hmac() {
    }

    static void tag(WireKey key, byte[] data, int offset, int length, byte[] out, int outOffset) {
        hmacFor(key).tag(data, offset, length, out, outOffset);
    }

    /** Constant-time comparison of the computed tag with the received one, without copying either. */
    static boolean verify(WireKey key, byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        return hmacFor(key).matches(data, offset, length, tag, tagOffset);
    }

    private static HmacSha256 hmacFor(WireKey key) {
        Map<WireKey, HmacSha256> byKey = BY_KEY.get();
        HmacSha256 hmac = byKey.get(key);
        if (hmac == null) {
            if (byKey.size() > 64) {
                byKey.clear(); // rotated-out keys are not kept forever
            }
            hmac = new HmacSha256(key.secret());
            byKey.put(key, hmac);
        }
        return hmac;
    }
}
