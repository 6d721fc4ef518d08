package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The device id: a random UUID created on the first run and kept in {@code <state-dir>/device-id},
 * so that a restarted agent is the same device to the server (the id is the datagram header's
 * sender id). The file is written whole or not at all: a crash mid-write must not leave a
 * half-written id that would make the next start fail or, worse, become another device.
 */
public final class DeviceIdentity {

    public static final String FILE_NAME = "device-id";

    private DeviceIdentity() {
    }

    /** The id stored in {@code stateDir}, created (with the directory) when there is none yet. */
    public static UUID loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        UUID id = UUID.randomUUID();
        write(file, id);
        return id;
    }

    static UUID read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device id from " + file + ": " + e.getMessage(), e);
        }
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(text);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not hold a device id (a UUID such as "
                    + "123e4567-e89b-12d3-a456-426614174000) but '" + abbreviate(text) + "'");
        }
    }

    private static void write(Path file, UUID id) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, id + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device id to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
