package dev.cascade.metadata.activation;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.ServerActivated;
import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.ServerActivationEntity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Whether the server is activated, as activation-service announced it. Content arrives in the
 * catalog before activation too; activation publishes it: from then on deployments are accepted and
 * their notices reach the peers.
 */
@ApplicationScoped
public class ServerActivation {

    private static final Logger LOG = Logger.getLogger(ServerActivation.class);

    @Inject
    MeterRegistry registry;

    /** Read by the gauge and the deployment check without a query; set from the table at start and by every event. */
    private volatile boolean activated;

    @Transactional
    void start(@Observes StartupEvent event) {
        activated = ServerActivationEntity.findById(ServerActivationEntity.ID) != null;
        Gauge.builder("cascade_metadata_server_activated", () -> activated ? 1 : 0)
                .description("1 once activation-service announced the server's activation: deployments are accepted")
                .register(registry);
    }

    public boolean activated() {
        return activated;
    }

    public Optional<ServerActivationEntity> current() {
        return Optional.ofNullable(ServerActivationEntity.findById(ServerActivationEntity.ID));
    }

    /**
     * Records {@code event} (inside the caller's transaction). A later activation (re-activation with
     * another license) replaces the earlier one.
     */
    public void record(String eventId, ServerActivated event) {
        ServerActivationEntity row = ServerActivationEntity.findById(ServerActivationEntity.ID);
        boolean first = row == null;
        if (first) {
            row = new ServerActivationEntity();
            row.id = ServerActivationEntity.ID;
        }
        row.serverName = event.getServerName();
        row.serverIp = event.getServerIp();
        row.customer = event.getCustomer();
        row.activatedAt = Instant.ofEpochMilli(event.getActivatedAtUnixMs());
        row.eventId = eventId;
        if (first) {
            row.persist();
        }
        activated = true;
        long contents = ContentEntity.count();
        long deployable = ContentEntity.count("deployable", true);
        LOG.infof("server %s (%s) %s for %s: the catalog's %d contents are published (%d deployable)", row.serverName,
                row.serverIp, first ? "activated" : "re-activated", row.customer, contents, deployable);
    }
}
