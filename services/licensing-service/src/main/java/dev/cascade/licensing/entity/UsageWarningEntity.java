package dev.cascade.licensing.entity;

import java.time.Instant;

import dev.cascade.contracts.v1.LicenseUsageWarning;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A usage warning, kept as the warning history. It is written in the transaction of the change
 * that crossed the threshold, together with its event in the transactional outbox (cascade-outbox),
 * which publishes it to Kafka.
 */
@Entity
@Table(name = "usage_warning")
public class UsageWarningEntity extends PanacheEntityBase {

    /** Commit order (the outbox publishes in the same order). */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "event_id", length = 64, nullable = false, unique = true)
    public String eventId;

    @Column(name = "threshold_percent", nullable = false)
    public int thresholdPercent;

    @Column(name = "seats_used", nullable = false)
    public long seatsUsed;

    @Column(name = "seats_purchased", nullable = false)
    public long seatsPurchased;

    @Column(name = "license_key", length = 64)
    public String licenseKey;

    @Column(name = "customer", length = 200)
    public String customer;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    // published_at (changeset 7) was the old relay's mark; the outbox library tracks publication now.

    /** The warning as its event ({@code LicenseUsageWarning}, published on {@code cascade.licensing.usage-warnings}). */
    public LicenseUsageWarning toEvent() {
        LicenseUsageWarning.Builder event = LicenseUsageWarning.newBuilder()
                .setEventId(eventId)
                .setThresholdPercent(thresholdPercent)
                .setSeatsUsed(seatsUsed)
                .setSeatsPurchased(seatsPurchased)
                .setOccurredAtUnixMs(occurredAt.toEpochMilli());
        if (licenseKey != null) {
            event.setLicenseKey(licenseKey);
        }
        if (customer != null) {
            event.setCustomer(customer);
        }
        return event.build();
    }
}
