package dev.cascade.cli.local;

/** The local stack could not start; the message says what and what to do. */
public final class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
