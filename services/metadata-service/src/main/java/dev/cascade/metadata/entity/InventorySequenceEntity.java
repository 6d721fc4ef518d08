package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The newest inventory report sequence applied for a peer. */
@Entity
@Table(name = "inventory_sequence")
public class InventorySequenceEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Column(name = "report_sequence", nullable = false)
    public long reportSequence;

    @Column(name = "reports", nullable = false)
    public long reports;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
