package dev.cascade.wire;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The key file shared by the local stack's gateway, agents and connector stand-in (docs/protocol.md §3). A
 * properties file:
 * <pre>
 * fleet=&lt;id&gt;:&lt;base64 32 bytes&gt;                    # the current fleet key (peers)
 * connector=&lt;id&gt;:&lt;base64 32 bytes&gt;                # the current shared security key (connector)
 * fleet.retired=&lt;id&gt;:&lt;base64&gt;@&lt;ISO-8601 instant&gt;  # optional: rotated-out keys, each valid until its instant,
 *                                             # comma-separated when several rotations fall in one grace period
 * connector.retired=&lt;id&gt;:&lt;base64&gt;@&lt;instant&gt;[,...] # optional
 * </pre>
 * A file with one retired entry per family (written before lists existed) reads the same. Written with
 * owner-only permissions where the file system supports them.
 */
public final class KeyFile {

    private KeyFile() {
    }

    public static List<WireKey> read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        List<WireKey> keys = new ArrayList<>();
        for (KeyPurpose purpose : List.of(KeyPurpose.FLEET, KeyPurpose.CONNECTOR)) {
            String name = purpose.name().toLowerCase(java.util.Locale.ROOT);
            String current = props.getProperty(name);
            if (current != null && !current.isBlank()) {
                keys.add(parse(file, name, current, purpose));
            }
            String retired = props.getProperty(name + ".retired");
            if (retired != null && !retired.isBlank()) {
                for (String entry : retired.split(",", -1)) {
                    keys.add(retired(file, name + ".retired", entry.trim(), purpose));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key file " + file + " holds no 'fleet' or 'connector' key");
        }
        return keys;
    }

    /** The current key of {@code purpose} in {@code file}, or throws naming what is missing. */
    public static WireKey current(Path file, KeyPurpose purpose) {
        return read(file).stream().filter(k -> k.purpose() == purpose && k.notAfter() == null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("key file " + file + " has no current "
                        + purpose.name().toLowerCase(java.util.Locale.ROOT) + " key"));
    }

    /** Writes a new file with a random fleet key (id 1) and connector key (id 2) unless {@code file} exists. */
    public static boolean createIfMissing(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        write(file, List.of(new WireKey(1, KeyPurpose.FLEET, random(), null), new WireKey(2, KeyPurpose.CONNECTOR, random(), null)));
        return true;
    }

    /**
     * Atomically replaces {@code file} with these keys: at most one current key per family, and every retired key
     * of a family on its {@code .retired} line. Throws {@link IllegalArgumentException} for two current keys of a
     * family (the file could hold only one) or two keys with one id, before touching the file.
     */
    public static void write(Path file, List<WireKey> keys) {
        StringBuilder text = new StringBuilder("# Cascade wire keys. Keep secret: anyone holding the fleet key can speak as a peer.\n");
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (WireKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("cannot write key file " + file + ": two keys have id " + key.id());
            }
        }
        for (KeyPurpose purpose : List.of(KeyPurpose.FLEET, KeyPurpose.CONNECTOR)) {
            String name = purpose.name().toLowerCase(java.util.Locale.ROOT);
            List<WireKey> current = keys.stream().filter(k -> k.purpose() == purpose && k.notAfter() == null).toList();
            if (current.size() > 1) {
                throw new IllegalArgumentException("cannot write key file " + file + ": " + current.size() + " current "
                        + name + " keys (ids " + current.stream().map(k -> String.valueOf(k.id())).toList()
                        + "); retire all but one");
            }
            current.forEach(k -> text.append(name).append('=').append(k.format()).append('\n'));
            String retired = String.join(",", keys.stream().filter(k -> k.purpose() == purpose && k.notAfter() != null)
                    .map(k -> k.format() + "@" + k.notAfter()).toList());
            if (!retired.isEmpty()) {
                text.append(name).append(".retired=").append(retired).append('\n');
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".keys", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            try (Writer writer = Files.newBufferedWriter(temp)) {
                writer.write(text.toString());
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static WireKey retired(Path file, String name, String entry, KeyPurpose purpose) {
        int at = entry.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(file + ": " + name + " must be <id>:<base64>@<ISO-8601 instant>[,...]");
        }
        WireKey key = parse(file, name, entry.substring(0, at), purpose);
        try {
            return key.retiredUntil(Instant.parse(entry.substring(at + 1).trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": " + name + ": key " + key.id() + " has no valid instant after '@'");
        }
    }

    private static WireKey parse(Path file, String name, String text, KeyPurpose purpose) {
        try {
            return WireKey.parse(text, purpose);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] random() {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
