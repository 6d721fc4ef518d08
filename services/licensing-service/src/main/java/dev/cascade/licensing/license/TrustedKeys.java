package dev.cascade.licensing.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor's Ed25519 public keys this service accepts license signatures from, by key id. A key
 * is given as the base64 of its X.509 SubjectPublicKeyInfo (the body of a {@code BEGIN PUBLIC KEY}
 * PEM, which is also accepted whole). The key id is derived, never configured, so it cannot be
 * mistyped: the first 8 bytes of SHA-256 over the 32-byte raw public key, in lower-case hex.
 */
public final class TrustedKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * Reads the configured keys, or throws naming the one that is not an Ed25519 public key.
     *
     * @param property the configuration property they come from, for the message
     */
    public static TrustedKeys of(String property, List<String> encodedKeys) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < encodedKeys.size(); i++) {
            String encoded = encodedKeys.get(i).strip();
            if (encoded.isEmpty()) {
                continue;
            }
            PublicKey key = publicKey(encoded, property + "[" + i + "]");
            keys.put(keyId(key), key);
        }
        return new TrustedKeys(keys);
    }

    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Decodes a public key given as base64 SubjectPublicKeyInfo or PEM; {@code what} names it in the error. */
    public static PublicKey publicKey(String encoded, String what) {
        String body = encoded.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: " + e.getMessage());
        }
        if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException(what + " is not an Ed25519 public key (expected the base64 of a 44-byte "
                    + "X.509 SubjectPublicKeyInfo, as `cascade vendor keygen` prints)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an Ed25519 public key: " + e.getMessage());
        }
    }

    /** The key id of an Ed25519 public key: hex of the first 8 bytes of SHA-256(raw 32-byte key). */
    public static String keyId(PublicKey key) {
        byte[] der = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The PEM text of a public key (what the vendor tool writes). */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
