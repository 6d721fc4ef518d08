package dev.cascade.licensing.entity;

import java.time.Instant;

import dev.cascade.licensing.seat.ReleaseReason;
import dev.cascade.licensing.seat.SeatRules.SeatFacts;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The seat record of one installed client (device id): held, or released with the reason. */
@Entity
@Table(name = "seat")
public class SeatEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Column(name = "hostname", length = 253)
    public String hostname;

    /** When the seat was (last) taken: the time of the activity that took it. */
    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    /** The newest activity (registration or heartbeat) seen from the client. */
    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** Null while the seat is held. */
    @Column(name = "released_at")
    public Instant releasedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "release_reason", length = 16)
    public ReleaseReason releaseReason;

    public boolean held() {
        return releasedAt == null;
    }

    public SeatFacts facts() {
        return new SeatFacts(lastSeenAt, releasedAt, releaseReason);
    }
}
