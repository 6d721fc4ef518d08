package dev.cascade.licensing.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A seat held by one installed client. */
@Entity
@Table(name = "seat")
public class SeatEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Column(name = "hostname", length = 253)
    public String hostname;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "released_at")
    public Instant releasedAt;

    public boolean held() {
        return releasedAt == null;
    }
}
