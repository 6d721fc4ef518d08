package dev.cascade.topology.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A preferred rendezvous point of an office: a device that receives content first and passes it on inside the office. */
@Entity
@Table(name = "office_rvp")
public class OfficeRvpEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "office_id", length = 64, nullable = false)
    public String officeId;

    /** The device id (UUID text). */
    @Column(name = "device_id", length = 36, nullable = false)
    public String deviceId;

    /** 0 = the most preferred. */
    @Column(name = "position", nullable = false)
    public int position;
}
