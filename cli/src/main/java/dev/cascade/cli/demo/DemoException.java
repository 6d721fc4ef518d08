package dev.cascade.cli.demo;

/** Why the demo could not go on, in words for the person who ran it. */
public final class DemoException extends RuntimeException {

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
