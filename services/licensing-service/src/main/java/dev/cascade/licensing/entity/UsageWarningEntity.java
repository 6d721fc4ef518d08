package dev.cascade.licensing.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A usage warning: written in the transaction of the change that crossed the threshold (the
 * outbox), published to Kafka after the commit, and kept as the warning history.
 */
@Entity
@Table(name = "usage_warning")
public class UsageWarningEntity extends PanacheEntityBase {

    /** Publication order. */
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

    /** Null until Kafka acknowledged the event. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
