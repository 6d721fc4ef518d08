package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The server's activation as the last ServerActivated event announced it: one row, absent before activation. */
@Entity
@Table(name = "server_activation")
public class ServerActivationEntity extends PanacheEntityBase {

    /** Always 1. */
    public static final int ID = 1;

    @Id
    @Column(name = "id")
    public int id;

    @Column(name = "server_name", nullable = false)
    public String serverName;

    @Column(name = "server_ip", nullable = false)
    public String serverIp;

    @Column(name = "customer", nullable = false)
    public String customer;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;
}
