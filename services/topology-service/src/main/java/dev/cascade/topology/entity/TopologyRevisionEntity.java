package dev.cascade.topology.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row holding the topology's revision; every committed topology change adds one. */
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
}
