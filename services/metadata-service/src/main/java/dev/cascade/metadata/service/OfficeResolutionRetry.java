package dev.cascade.metadata.service;

import org.jboss.logging.Logger;

import dev.cascade.metadata.client.OfficeLookup;
import dev.cascade.metadata.config.MetadataConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gives an office to the peers registered while topology-service was unavailable: every few
 * seconds, a small batch, oldest first. Each answer is written in its own short transaction,
 * after the gRPC call, for the same reason as in the consumer.
 */
@ApplicationScoped
public class OfficeResolutionRetry {

    private static final Logger LOG = Logger.getLogger(OfficeResolutionRetry.class);

    @Inject
    PeerRegistry peers;

    @Inject
    OfficeLookup offices;

    @Inject
    MetadataConfig config;

    @Scheduled(identity = "office-resolution-retry", every = "${cascade.metadata.office-retry.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while shutting down
    void resolvePending() {
        int resolved = 0;
        for (PeerRegistry.PendingPeer pending : peers.pendingOffices(config.officeRetry().batchSize())) {
            OfficeAnswer answer = offices.resolve(pending.ipAddress());
            if (answer instanceof OfficeAnswer.Unavailable unavailable) {
                LOG.debugf("office resolution retry: %s; trying again later", unavailable.detail());
                break;
            }
            if (peers.assignOffice(pending, answer)) {
                resolved++;
            }
        }
        if (resolved > 0) {
            LOG.infof("office resolved for %d pending peers", resolved);
        }
        peers.refreshGauges();
    }
}
