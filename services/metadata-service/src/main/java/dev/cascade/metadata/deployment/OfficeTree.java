package dev.cascade.metadata.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.ListOfficesRequest;
import dev.cascade.contracts.v1.ListOfficesResponse;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.service.TopologyRevisions;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The office hierarchy, read from topology-service (ListOffices) and kept until a TopologyChanged
 * announces a newer revision (read from the database, so every replica sees it, not only the one
 * that consumed the event). Reads are at most one per {@code cascade.metadata.offices.retry-after}
 * after a failure or while topology-service still answers an older revision.
 */
@ApplicationScoped
public class OfficeTree {

    @GrpcClient("topology")
    TopologyServiceGrpc.TopologyServiceBlockingStub topology;

    @Inject
    TopologyRevisions revisions;

    @Inject
    MetadataConfig config;

    @Inject
    Clock clock;

    private OfficeHierarchy cached;
    private Instant lastAttempt = Instant.EPOCH;
    private String lastFailure;

    /**
     * The hierarchy at the newest announced revision, or the cached one while a newer cannot be read yet.
     *
     * @throws OfficesUnavailableException when none was ever read and topology-service does not answer
     */
    public synchronized OfficeHierarchy current() {
        long latest = revisions.latest();
        if (cached != null && cached.revision() >= latest) {
            return cached;
        }
        Instant now = Instant.now(clock);
        if (now.isBefore(lastAttempt.plus(config.offices().retryAfter()))) {
            if (cached != null) {
                return cached;
            }
            throw new OfficesUnavailableException(lastFailure);
        }
        lastAttempt = now;
        try {
            cached = read();
            lastFailure = null;
        } catch (StatusRuntimeException e) {
            lastFailure = "topology-service: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() != null ? " " + e.getStatus().getDescription() : "");
            if (cached == null) {
                throw new OfficesUnavailableException(lastFailure);
            }
        }
        return cached;
    }

    private OfficeHierarchy read() {
        Map<String, String> parents = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        long revision = 0;
        Iterator<ListOfficesResponse> offices = topology
                .withDeadlineAfter(config.grpcDeadline().toMillis() * 5, TimeUnit.MILLISECONDS)
                .listOffices(ListOfficesRequest.getDefaultInstance());
        while (offices.hasNext()) {
            ListOfficesResponse office = offices.next();
            parents.put(office.getOffice().getOfficeId(), office.getOffice().getParentOfficeId());
            names.put(office.getOffice().getOfficeId(), office.getOffice().getName());
            revision = office.getTopologyRevision();
        }
        return OfficeHierarchy.of(parents, names, revision);
    }
}
