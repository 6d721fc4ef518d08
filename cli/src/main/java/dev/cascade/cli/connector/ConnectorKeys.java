package dev.cascade.cli.connector;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.cascade.contracts.v1.WrappedKey;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.WireKey;

/**
 * The connector's key file (protocol.md §3 format): the current shared security key ({@code connector=}) it signs
 * with, and the previous one ({@code connector.retired=}) while the server still accepts it. Installing a key the
 * server sent (§16.1) unwraps it with the key that signed the request and replaces the file atomically, so the
 * file always holds a key the server knows: the old one until the new one is written, never neither.
 */
final class ConnectorKeys {

    private final Path file;
    private final List<WireKey> all;

    private ConnectorKeys(Path file, List<WireKey> all) {
        this.file = file;
        this.all = all;
    }

    static ConnectorKeys read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConnectorException("key file " + file + " not found: the connector needs the server's shared"
                    + " security key (a line 'connector=<id>:<base64 of 32 bytes>'; `cascade local up` writes one to"
                    + " data/keys.properties)");
        }
        try {
            ConnectorKeys keys = new ConnectorKeys(file, KeyFile.read(file));
            keys.signing(); // fail now, naming the file, when there is no current connector key
            return keys;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConnectorException(e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** The key requests are signed with: the current connector key with the highest id (§16.1). */
    WireKey signing() {
        return ring().current(KeyPurpose.CONNECTOR).orElseThrow(() -> new ConnectorException("key file " + file
                + " has no current connector key (a line 'connector=<id>:<base64 of 32 bytes>')"));
    }

    /** Every connector key still valid: the server's replies are tagged with the key of the request. */
    KeyRing ring() {
        return new KeyRing(all.stream().filter(k -> k.purpose() == KeyPurpose.CONNECTOR).toList());
    }

    /**
     * Unwraps {@code wrapped} (a new connector key) with {@code wrappingKey}, the key that signed the request, and
     * writes the file anew: the new key current, {@code wrappingKey} retired until {@code previousValidUntil} (dropped
     * when that is not in the future), other families' keys as they were. Returns the new key.
     */
    WireKey install(WrappedKey wrapped, WireKey wrappingKey, Instant previousValidUntil, Instant now) {
        WireKey fresh;
        try {
            fresh = KeyWrap.unwrap(wrapped, KeyPurpose.CONNECTOR, wrappingKey);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("the server's new shared key cannot be used: " + e.getMessage()
                    + "; the key file " + file + " is unchanged", e);
        }
        List<WireKey> next = new ArrayList<>(all.stream().filter(k -> k.purpose() != KeyPurpose.CONNECTOR).toList());
        next.add(fresh);
        if (fresh.id() != wrappingKey.id() && previousValidUntil.isAfter(now)) {
            next.add(wrappingKey.retiredUntil(previousValidUntil));
        }
        try {
            KeyFile.write(file, next);
        } catch (UncheckedIOException e) {
            throw new ConnectorException("cannot save the new shared key " + fresh.id() + " to " + file + ": "
                    + e.getMessage() + " (the server already uses it: keep this output and fix the file by hand)", e);
        }
        return fresh;
    }

    /** A short, shareable identification of a key's secret: the first 8 bytes of its SHA-256, hex. */
    static String fingerprint(WireKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret(key));
            return HexFormat.ofDelimiter(":").formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The secret bytes, read back from the key's public text form (the accessor is the wire library's own). */
    private static byte[] secret(WireKey key) {
        String text = key.format();
        return Base64.getDecoder().decode(text.substring(text.indexOf(':') + 1).getBytes(StandardCharsets.US_ASCII));
    }
}
