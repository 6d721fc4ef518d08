package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row holding the newest topology revision a TopologyChanged event announced. */
@Entity
@Table(name = "topology_revision")
public class TopologyRevisionEntity extends PanacheEntityBase {

    /** Always 1. */
    public static final int ID = 1;

    @Id
    @Column(name = "id")
    public int id;

    @Column(name = "revision", nullable = false)
    public long revision;

    /** When that change committed in topology-service; null before the first announcement. */
    @Column(name = "changed_at")
    public Instant changedAt;
}
