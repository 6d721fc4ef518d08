package dev.cascade.wire;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One HMAC key: its id (as carried in the header), its family, its 32 secret bytes, and the
 * instant after which it no longer verifies ({@code null} while it is the current key; a rotated-out
 * key gets the end of its grace period).
 */
public final class WireKey {

    public static final int SECRET_SIZE = 32;

    private final long id;
    private final KeyPurpose purpose;
    private final byte[] secret;
    private final Instant notAfter;

    public WireKey(long id, KeyPurpose purpose, byte[] secret, Instant notAfter) {
        if (id <= 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("key id must be 1..4294967295, was " + id);
        }
        if (purpose == KeyPurpose.ANY) {
            throw new IllegalArgumentException("a key belongs to one family: FLEET or CONNECTOR");
        }
        if (secret.length != SECRET_SIZE) {
            throw new IllegalArgumentException("a key secret is " + SECRET_SIZE + " bytes, was " + secret.length);
        }
        this.id = id;
        this.purpose = Objects.requireNonNull(purpose);
        this.secret = secret.clone();
        this.notAfter = notAfter;
    }

    /** Parses the text form {@code <id>:<base64 secret>} used in configuration and key files. */
    public static WireKey parse(String text, KeyPurpose purpose) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a key is written <id>:<base64 of 32 bytes>, got '" + redact(text) + "'");
        }
        long id;
        try {
            id = Long.parseLong(text.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key id '" + text.substring(0, colon) + "' is not a number");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret of key " + id + " is not valid base64");
        }
        return new WireKey(id, purpose, secret, null);
    }

    /** The text form {@code <id>:<base64 secret>}. */
    public String format() {
        return id + ":" + Base64.getEncoder().encodeToString(secret);
    }

    public long id() {
        return id;
    }

    public KeyPurpose purpose() {
        return purpose;
    }

    byte[] secret() {
        return secret;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public boolean validAt(Instant now) {
        return notAfter == null || now.isBefore(notAfter);
    }

    /** This key, retired: it still verifies until {@code until}, the end of the grace period. */
    public WireKey retiredUntil(Instant until) {
        return new WireKey(id, purpose, secret, until);
    }

    private static String redact(String text) {
        return text.length() <= 4 ? text : text.substring(0, 4) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireKey other && other.id == id && other.purpose == purpose
                && Arrays.equals(other.secret, secret) && Objects.equals(other.notAfter, notAfter);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "WireKey[id=" + id + ", purpose=" + purpose + ", notAfter=" + notAfter + "]";
    }
}
