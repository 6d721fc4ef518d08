package dev.cascade.topology.planner;

/** The catalog has no content with the id asked about (gRPC NOT_FOUND, REST 404). */
public final class UnknownContentException extends PlanningException {

    public UnknownContentException(String message) {
        super(message);
    }

    public static UnknownContentException of(String contentId) {
        return new UnknownContentException("the catalog has no content with id '" + contentId + "'");
    }
}
