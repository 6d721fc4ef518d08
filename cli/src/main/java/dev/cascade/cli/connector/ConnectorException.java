package dev.cascade.cli.connector;

/** A failure the admin can act on; the command prints the message (never a stack trace) and exits 1. */
final class ConnectorException extends RuntimeException {

    ConnectorException(String message) {
        super(message);
    }

    ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
