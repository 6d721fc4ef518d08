package dev.cascade.topology.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps this replica's snapshot current when another replica changed the topology: the replica
 * that commits a change rebuilds at once; the others notice the stored revision moved ahead of
 * theirs within {@code cascade.topology.refresh-every} and rebuild then.
 */
@ApplicationScoped
public class SnapshotRefresh {

    @Inject
    OfficeDirectory directory;

    @Scheduled(identity = "topology-snapshot-refresh", every = "${cascade.topology.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        directory.catchUp();
    }
}
