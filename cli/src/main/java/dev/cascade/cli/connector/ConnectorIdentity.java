package dev.cascade.cli.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * The connector id (the header's sender id): a random UUID created on the first run and kept in
 * {@code connector-id} beside the key file, so that every run is the same connector to the server
 * (one replay window, one key on {@code cascade.connector.requests}). Written whole or not at all.
 */
final class ConnectorIdentity {

    static final String FILE_NAME = "connector-id";

    private ConnectorIdentity() {
    }

    static UUID loadOrCreate(Path keyFile) {
        Path file = keyFile.toAbsolutePath().getParent().resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        UUID id = UUID.randomUUID();
        try {
            Path dir = file.getParent();
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
            throw new ConnectorException("cannot write the connector id to " + file + ": " + e.getMessage(), e);
        }
        return id;
    }

    private static UUID read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new ConnectorException("cannot read the connector id from " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** A UUID in the lower-case text form (protocol.md §15.7), or an error naming {@code where} it came from. */
    static UUID parse(String text, String where) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " does not hold a connector id (a UUID such as "
                + "123e4567-e89b-12d3-a456-426614174000) but '" + (text.length() <= 40 ? text : text.substring(0, 40) + "…") + "'");
    }
}
