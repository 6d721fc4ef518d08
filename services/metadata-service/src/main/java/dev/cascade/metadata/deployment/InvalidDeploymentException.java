package dev.cascade.metadata.deployment;

/**
 * A deployment request that cannot be accepted, naming the field and what was expected.
 *
 * @see #conflict() 409 (the request is well-formed but the state forbids it) rather than 400
 */
public class InvalidDeploymentException extends RuntimeException {

    private final String field;
    private final boolean conflict;

    public InvalidDeploymentException(String field, String message) {
        this(field, message, false);
    }

    public InvalidDeploymentException(String field, String message, boolean conflict) {
        super(field + ": " + message);
        this.field = field;
        this.conflict = conflict;
    }

    public String field() {
        return field;
    }

    public boolean conflict() {
        return conflict;
    }
}
