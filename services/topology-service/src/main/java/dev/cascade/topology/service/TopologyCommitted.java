package dev.cascade.topology.service;

/**
 * CDI event fired inside a topology change's transaction; its observers run only after that
 * transaction committed ({@code TransactionPhase.AFTER_SUCCESS}), never after a rollback.
 */
public record TopologyCommitted(long revision) {
}
