package dev.cascade.licensing.service;

import java.util.List;

import dev.cascade.contracts.v1.LicenseUsageWarning;
import dev.cascade.licensing.entity.UsageWarningEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Every usage warning written ({@link UsageLedger}), as the events that were published for them. */
@ApplicationScoped
public class UsageWarningHistory {

    /** The newest first, at most {@code max}. */
    @Transactional
    public List<LicenseUsageWarning> recent(int max) {
        return UsageWarningEntity.<UsageWarningEntity>find("1 = 1", Sort.descending("id")).range(0, max - 1).list()
                .stream().map(UsageWarningEntity::toEvent).toList();
    }
}
