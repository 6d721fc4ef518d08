package dev.cascade.topology.planner;

/** No registered peer has the device id asked about (gRPC NOT_FOUND, REST 404). */
public final class UnknownPeerException extends PlanningException {

    public UnknownPeerException(String message) {
        super(message);
    }

    public static UnknownPeerException of(String deviceId) {
        return new UnknownPeerException("no registered peer has device id '" + deviceId + "'");
    }
}
