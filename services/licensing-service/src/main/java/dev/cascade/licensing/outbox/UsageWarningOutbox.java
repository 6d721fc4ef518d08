package dev.cascade.licensing.outbox;

import java.time.Instant;
import java.util.List;

import dev.cascade.contracts.v1.LicenseUsageWarning;
import dev.cascade.licensing.entity.UsageWarningEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The relay's reads and writes of the usage-warning outbox, each a short transaction of its own. */
@ApplicationScoped
public class UsageWarningOutbox {

    /** A warning waiting for Kafka, as its event. */
    public record Pending(long id, LicenseUsageWarning event) {
    }

    /** The oldest unpublished warnings, in id (= commit) order, at most {@code max}. */
    @Transactional
    public List<Pending> unpublished(int max) {
        return UsageWarningEntity.<UsageWarningEntity>find("publishedAt is null", Sort.by("id")).range(0, max - 1).list()
                .stream().map(row -> new Pending(row.id, event(row))).toList();
    }

    @Transactional
    public void markPublished(long id, Instant at) {
        UsageWarningEntity.update("publishedAt = ?1 where id = ?2 and publishedAt is null", at, id);
    }

    @Transactional
    public long pending() {
        return UsageWarningEntity.count("publishedAt is null");
    }

    /** The warning history, the newest first. */
    @Transactional
    public List<LicenseUsageWarning> recent(int max) {
        return UsageWarningEntity.<UsageWarningEntity>find("1 = 1", Sort.descending("id")).range(0, max - 1).list()
                .stream().map(UsageWarningOutbox::event).toList();
    }

    private static LicenseUsageWarning event(UsageWarningEntity row) {
        LicenseUsageWarning.Builder event = LicenseUsageWarning.newBuilder()
                .setEventId(row.eventId)
                .setThresholdPercent(row.thresholdPercent)
                .setSeatsUsed(row.seatsUsed)
                .setSeatsPurchased(row.seatsPurchased)
                .setOccurredAtUnixMs(row.occurredAt.toEpochMilli());
        if (row.licenseKey != null) {
            event.setLicenseKey(row.licenseKey);
        }
        if (row.customer != null) {
            event.setCustomer(row.customer);
        }
        return event.build();
    }
}
