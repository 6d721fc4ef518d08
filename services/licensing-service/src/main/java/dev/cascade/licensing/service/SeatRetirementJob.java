package dev.cascade.licensing.service;

import org.jboss.logging.Logger;

import dev.cascade.licensing.config.LicensingConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Releases the seats of clients not heard from (no registration, no heartbeat) for longer than
 * {@code cascade.licensing.retire-after}: an uninstalled client stops talking, and nobody may tell
 * us. Such a client that comes back takes its seat again with its first new activity.
 */
@ApplicationScoped
public class SeatRetirementJob {

    private static final Logger LOG = Logger.getLogger(SeatRetirementJob.class);
    /** Seats retired per transaction: the usage lock is held for one batch, not for the whole run. */
    static final int BATCH = 500;

    @Inject
    SeatService seats;

    @Inject
    LicensingConfig config;

    @Scheduled(identity = "licensing-seat-retirement", every = "${cascade.licensing.retirement-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Retires every inactive client now; returns how many. */
    public int run() {
        int total = 0;
        int retired;
        do {
            retired = seats.retireInactive(config.retireAfter(), BATCH);
            total += retired;
        } while (retired == BATCH);
        if (total > 0) {
            LOG.infof("retired %d seats of clients inactive for more than %s", total, config.retireAfter());
        }
        return total;
    }
}
