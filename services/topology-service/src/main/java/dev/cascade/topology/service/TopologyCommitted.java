package dev.cascade.topology.service;

import dev.cascade.topology.model.Topology;

/**
 * CDI event fired inside a topology change's transaction; its observers run only after that
 * transaction committed ({@code TransactionPhase.AFTER_SUCCESS}), never after a rollback.
 *
 * @param topology the topology as committed, when the change knows it whole (then the directory
 *                 serves it without reading the database, reusing its resolver); null otherwise
 */
public record TopologyCommitted(long revision, Topology topology) {
}
