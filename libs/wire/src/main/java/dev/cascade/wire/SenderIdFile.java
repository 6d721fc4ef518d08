package dev.cascade.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * A sender's id (the datagram header's sender id) kept in a file: a random UUID created on the first run, so
 * that every later run is the same sender to the server (one replay window, one Kafka key). The file is
 * written whole or not at all: a crash mid-write must not leave a half-written id that would make the next
 * start fail or, worse, become another sender. The agent keeps its device id this way, the connector its id.
 */
public final class SenderIdFile {

    private SenderIdFile() {
    }

    /**
     * The id in {@code file}, created (with its directory) when there is none yet.
     *
     * @param what what the id is, for messages ("device id", "connector id")
     * @throws UncheckedIOException     naming the file when it cannot be read or written
     * @throws IllegalArgumentException naming the file when it holds no UUID in the lower-case text form
     */
    public static UUID loadOrCreate(Path file, String what) {
        if (Files.exists(file)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + what + " from " + file + ": " + e.getMessage(), e);
            }
            return parse(text, file.toString(), what);
        }
        UUID id = UUID.randomUUID();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
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
            throw new UncheckedIOException("cannot write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** A UUID in the lower-case text form (protocol.md §15.7), or an error naming {@code where} it came from. */
    public static UUID parse(String text, String where, String what) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " does not hold a " + what + " (a UUID such as "
                + "123e4567-e89b-12d3-a456-426614174000) but '" + (text.length() <= 40 ? text : text.substring(0, 40) + "…") + "'");
    }
}
