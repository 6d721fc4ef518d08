package dev.cascade.topology.entity;

import dev.cascade.topology.model.OfficeKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An office: one or more ranges joined by a LAN, placed in the office hierarchy. */
@Entity
@Table(name = "office")
public class OfficeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "office_id", length = 64)
    public String officeId;

    @Column(name = "name", length = 200, nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "office_type", length = 16, nullable = false)
    public OfficeKind officeType;

    /** Null for the central office. */
    @Column(name = "parent_office_id", length = 64)
    public String parentOfficeId;

    @Column(name = "central", nullable = false)
    public boolean central;

    @Column(name = "metered", nullable = false)
    public boolean metered;

    @Column(name = "allow_direct_cdn", nullable = false)
    public boolean allowDirectCdn;
}
