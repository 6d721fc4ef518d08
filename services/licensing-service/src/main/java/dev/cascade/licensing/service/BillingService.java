package dev.cascade.licensing.service;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.cascade.licensing.billing.BillingReport;
import dev.cascade.licensing.billing.DailyUsage;
import dev.cascade.licensing.config.LicensingConfig;
import dev.cascade.licensing.entity.DailyUsageEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The billing report, read from the daily usage records. */
@ApplicationScoped
public class BillingService {

    @Inject
    LicensingConfig config;

    /** @throws IllegalArgumentException when the range is reversed or too long */
    @Transactional
    public BillingReport report(LocalDate from, LocalDate to) {
        Map<LocalDate, DailyUsage> recorded = DailyUsageEntity.<DailyUsageEntity>list("usageDay >= ?1 and usageDay <= ?2", from, to).stream()
                .map(DailyUsageEntity::toUsage).collect(Collectors.toMap(DailyUsage::day, Function.identity()));
        Optional<DailyUsage> before = DailyUsageEntity.<DailyUsageEntity>find("usageDay < ?1", Sort.descending("usageDay"), from)
                .firstResultOptional().map(DailyUsageEntity::toUsage);
        return BillingReport.of(from, to, config.billingZone().getId(), recorded, before);
    }
}
