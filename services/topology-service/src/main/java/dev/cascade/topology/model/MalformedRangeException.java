package dev.cascade.topology.model;

/** A subnet or range that cannot be read, with the text as given and what is wrong with it. */
public final class MalformedRangeException extends IllegalArgumentException {

    private final String text;
    private final String reason;

    public MalformedRangeException(String text, String reason) {
        super("subnet \"" + text + "\" " + reason);
        this.text = text;
        this.reason = reason;
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** What is wrong, as a predicate of the text, e.g. "has host bits set (the network is 10.1.2.0/24)". */
    public String reason() {
        return reason;
    }
}
