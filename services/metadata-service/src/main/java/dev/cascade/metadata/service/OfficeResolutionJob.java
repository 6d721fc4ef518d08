package dev.cascade.metadata.service;

import java.util.List;

import org.jboss.logging.Logger;

import dev.cascade.metadata.client.OfficeLookup;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.service.OfficeAssignments.PeerToPlace;
import dev.cascade.metadata.service.OfficeAssignments.Written;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gives peers their office when it is pending (registered while topology-service was unavailable)
 * or stale (the topology changed since it was computed). Every few seconds it walks all such peers
 * once, in device-id order, a batch per ResolveOffices call, each batch written in a short
 * transaction after the call (the call never holds a database connection). While topology-service
 * is unavailable it stops and peers keep the office they have. Several replicas may run it at the
 * same time: the writes are conditional, so that costs calls, never correctness.
 */
@ApplicationScoped
public class OfficeResolutionJob {

    private static final Logger LOG = Logger.getLogger(OfficeResolutionJob.class);

    @Inject
    OfficeAssignments assignments;

    @Inject
    TopologyRevisions revisions;

    @Inject
    PeerRegistry peers;

    @Inject
    OfficeLookup offices;

    @Inject
    MetadataConfig config;

    @Scheduled(identity = "office-resolution", every = "${cascade.metadata.office-resolution.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while shutting down
    void run() {
        long latest = revisions.latest();
        int batchSize = config.officeResolution().batchSize();
        String after = "";
        int asked = 0;
        int updated = 0;
        int moved = 0;
        long answeredRevision = -1;
        for (;;) {
            List<PeerToPlace> batch = assignments.needingOffice(latest, after, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            OfficeAnswers answers = offices.resolveAll(batch.stream().map(PeerToPlace::ipAddress).toList());
            if (answers instanceof OfficeAnswers.Unavailable unavailable) {
                LOG.debugf("office resolution: %s; %d peers keep their office until the next run", unavailable.detail(),
                        batch.size());
                break;
            }
            OfficeAnswers.Answered answered = (OfficeAnswers.Answered) answers;
            Written written = assignments.write(batch, answered.answers());
            asked += batch.size();
            updated += written.updated();
            moved += written.moved();
            answeredRevision = answered.topologyRevision();
            after = batch.get(batch.size() - 1).deviceId();
            if (batch.size() < batchSize) {
                break;
            }
        }
        if (asked > 0) {
            // A topology-service replica that has not loaded the newest revision yet answers from an
            // older one: those peers stay stale and are asked again next run.
            LOG.infof("office resolution at announced topology revision %d (answered from %d): %d peers asked, %d updated, "
                    + "%d moved office", latest, answeredRevision, asked, updated, moved);
        }
        peers.refreshGauges();
    }
}
