package dev.cascade.metadata.deployment;

/** topology-service could not tell the office hierarchy; the detail says why. */
public class OfficesUnavailableException extends RuntimeException {

    public OfficesUnavailableException(String detail) {
        super(detail);
    }
}
