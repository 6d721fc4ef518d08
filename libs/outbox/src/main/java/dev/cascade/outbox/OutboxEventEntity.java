package dev.cascade.outbox;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event written in the transaction of the change it reports, waiting to be (or already)
 * published to Kafka. Each service creates the {@code outbox} table in its own changelog.
 */
@Entity
@Table(name = "outbox")
public class OutboxEventEntity extends PanacheEntityBase {

    /** Publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "topic", length = 249, nullable = false)
    public String topic;

    @Column(name = "event_key", length = 255, nullable = false)
    public String eventKey;

    @Column(name = "event_id", length = 64, nullable = false, unique = true)
    public String eventId;

    /** The fully qualified protobuf message name, sent as the event-type header. */
    @Column(name = "event_type", length = 128, nullable = false)
    public String eventType;

    /** The serialized protobuf event. */
    @Column(name = "payload", nullable = false)
    public byte[] payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null until Kafka acknowledged the event. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
