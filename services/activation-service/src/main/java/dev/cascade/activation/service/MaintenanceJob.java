package dev.cascade.activation.service;

import org.jboss.logging.Logger;

import dev.cascade.activation.keys.KeyAuthority;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At start: the installation keys (or new ones) and the key file. Then every
 * {@code cascade.activation.maintenance-every}: drops retired keys whose grace ended, writes the key
 * file if another replica changed the ring, refreshes the gauges.
 */
@ApplicationScoped
public class MaintenanceJob {

    private static final Logger LOG = Logger.getLogger(MaintenanceJob.class);

    @Inject
    KeyAuthority keys;

    @Inject
    ServerActivations activations;

    @Inject
    ClientGauges gauges;

    void start(@Observes @Priority(10) StartupEvent event) {
        KeyAuthority.Ring ring = keys.initialize();
        LOG.infof("key ring revision %d: %s", ring.revision(), ring.keys());
        gauges.refresh();
    }

    @Scheduled(identity = "activation-maintenance", every = "${cascade.activation.maintenance-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One maintenance run now. */
    public void run() {
        keys.dropExpired();
        keys.syncKeyFile();
        activations.current();
        gauges.refresh();
    }
}
