package dev.cascade.topology.planner;

/** The content exists but no deployment brings it to the peer (gRPC FAILED_PRECONDITION, REST 409). */
public final class ContentNotDeployedException extends PlanningException {

    public ContentNotDeployedException(String message) {
        super(message);
    }

    public static ContentNotDeployedException of(String contentId, String deviceId) {
        return new ContentNotDeployedException("content '" + contentId + "' is not deployed to device '" + deviceId
                + "': deploy it to the device (or its office) first");
    }
}
