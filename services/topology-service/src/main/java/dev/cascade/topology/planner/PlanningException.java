package dev.cascade.topology.planner;

/**
 * A question the planner cannot answer because of its input; the message names the input and what
 * was expected. Never answered with an empty plan.
 */
public abstract sealed class PlanningException extends RuntimeException
        permits UnknownPeerException, UnknownContentException, ContentNotDeployedException {

    protected PlanningException(String message) {
        super(message);
    }
}
