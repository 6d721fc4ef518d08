package dev.cascade.cli.connector;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

import dev.cascade.wire.SenderIdFile;

/**
 * The connector id (the header's sender id): a random UUID created on the first run and kept in
 * {@code connector-id} beside the key file, so that every run is the same connector to the server
 * (one replay window, one key on {@code cascade.connector.requests}); written whole or not at all
 * ({@link SenderIdFile}).
 */
final class ConnectorIdentity {

    static final String FILE_NAME = "connector-id";
    private static final String WHAT = "connector id";

    private ConnectorIdentity() {
    }

    static UUID loadOrCreate(Path keyFile) {
        try {
            return SenderIdFile.loadOrCreate(keyFile.toAbsolutePath().getParent().resolve(FILE_NAME), WHAT);
        } catch (UncheckedIOException e) {
            throw new ConnectorException(e.getMessage(), e.getCause());
        }
    }

    /** A UUID in the lower-case text form (protocol.md §15.7), or an error naming {@code where} it came from. */
    static UUID parse(String text, String where) {
        return SenderIdFile.parse(text, where, WHAT);
    }
}
