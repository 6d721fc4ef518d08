package dev.cascade.licensing.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row of license usage: seats held, seats purchased (the active license's), and the warning
 * level reached. Every change of either count locks it first, so counts, daily peaks and warnings
 * follow one order, also across replicas.
 */
@Entity
@Table(name = "license_usage")
public class UsageEntity extends PanacheEntityBase {

    public static final int ID = 1;

    @Id
    @Column(name = "id")
    public int id;

    @Column(name = "seats_used", nullable = false)
    public long seatsUsed;

    @Column(name = "seats_purchased", nullable = false)
    public long seatsPurchased;

    /** The active license, or null while none is valid. */
    @Column(name = "active_license_id")
    public Long activeLicenseId;

    /** The highest threshold (0, 90, 100) usage has reached since it last fell below it. */
    @Column(name = "warning_level", nullable = false)
    public int warningLevel;
}
