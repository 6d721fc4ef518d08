package dev.cascade.metadata.planning;

/** Why no planning state can be given, in words naming the input. */
public class PlanningStateException extends RuntimeException {

    /** What kind of refusal (mapped to a gRPC status). */
    public enum Kind {
        INVALID, NOT_FOUND, NOT_DEPLOYED, UNAVAILABLE
    }

    private final Kind kind;

    public PlanningStateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
