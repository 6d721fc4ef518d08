package dev.cascade.activation.keys;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * One key of the ring as activation-service keeps it.
 *
 * @param retiredUntil null while it is the current key of its family; else the end of its grace period
 */
public record StoredKey(long id, KeyPurpose family, byte[] secret, Instant createdAt, Instant retiredUntil) {

    public StoredKey {
        if (family != KeyPurpose.FLEET && family != KeyPurpose.CONNECTOR) {
            throw new IllegalArgumentException("a stored key is a fleet or a connector key, not " + family);
        }
        secret = secret.clone();
    }

    /** The key as {@code libs/wire} uses it (wrapping, key files). */
    public WireKey toWireKey() {
        return new WireKey(id, family, secret, retiredUntil);
    }

    /** Reads a key of a key file; the secret comes from the text form because {@link WireKey} keeps its bytes to its package. */
    public static StoredKey of(WireKey key, Instant createdAt) {
        String text = key.format();
        byte[] secret = Base64.getDecoder().decode(text.substring(text.indexOf(':') + 1));
        return new StoredKey(key.id(), key.purpose(), secret, createdAt, key.notAfter());
    }

    public boolean current() {
        return retiredUntil == null;
    }

    /** True while it verifies: current, or retired and inside its grace period. */
    public boolean validAt(Instant now) {
        return retiredUntil == null || now.isBefore(retiredUntil);
    }

    /** The text form {@code <id>:<base64>} (protocol.md §3), shown once to the admin who rotated it. */
    public String text() {
        return id + ":" + Base64.getEncoder().encodeToString(secret);
    }

    /** "fleet" or "connector", as in key files and {@code RingKey.family}. */
    public String familyName() {
        return familyName(family);
    }

    public static String familyName(KeyPurpose family) {
        return family.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredKey other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "StoredKey[id=" + id + ", family=" + familyName() + ", retiredUntil=" + retiredUntil + "]";
    }
}
