package dev.cascade.activation.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The server as activated by the connector with a license key: at most one row, the current activation. */
@Entity
@Table(name = "server_activation")
public class ServerActivationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "server_name", length = 253)
    public String serverName;

    @Column(name = "server_ip", length = 45, nullable = false)
    public String serverIp;

    @Column(name = "license_customer", length = 200)
    public String licenseCustomer;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "license_key", length = 64)
    public String licenseKey;
}
