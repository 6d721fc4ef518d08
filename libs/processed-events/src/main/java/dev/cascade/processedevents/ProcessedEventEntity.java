package dev.cascade.processedevents;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event this service has applied; written in the same transaction as the state change. */
@Entity
@Table(name = "processed_event")
public class ProcessedEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id", length = 64)
    public String eventId;

    @Column(name = "event_type", length = 128, nullable = false)
    public String eventType;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
