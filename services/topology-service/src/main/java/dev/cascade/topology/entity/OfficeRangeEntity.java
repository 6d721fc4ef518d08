package dev.cascade.topology.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One IP range of an office, first..last inclusive; {@code cidr} is kept when the range was given as one. */
@Entity
@Table(name = "office_range")
public class OfficeRangeEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "office_id", length = 64, nullable = false)
    public String officeId;

    @Column(name = "first_address", length = 45, nullable = false)
    public String firstAddress;

    @Column(name = "last_address", length = 45, nullable = false)
    public String lastAddress;

    @Column(name = "cidr", length = 50)
    public String cidr;
}
