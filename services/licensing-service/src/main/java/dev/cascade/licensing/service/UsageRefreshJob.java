package dev.cascade.licensing.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps usage in step with the clock, where no event says that something changed: a license that
 * expired (purchased seats fall, a warning may follow), a new billing day with no seat change yet,
 * and the gauges of this replica after changes another replica committed.
 */
@ApplicationScoped
public class UsageRefreshJob {

    @Inject
    LicenseBook licenses;

    @Inject
    UsageLedger ledger;

    @Scheduled(identity = "licensing-usage-refresh", every = "${cascade.licensing.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        licenses.refresh();
        ledger.refresh();
    }
}
