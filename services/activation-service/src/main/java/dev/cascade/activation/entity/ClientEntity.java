package dev.cascade.activation.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client (peer) as registrations and heartbeats show it: where it is, which fleet key it uses, when it was last heard. */
@Entity
@Table(name = "activation_client")
public class ClientEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 64)
    public String deviceId;

    @Column(name = "ip", length = 45, nullable = false)
    public String ip;

    /** The fleet key id of its latest report; null until one names it. */
    @Column(name = "key_id")
    public Long keyId;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "activation_sent_at")
    public Instant activationSentAt;

    /** The fleet key the last CLIENT_ACTIVATION delivered. */
    @Column(name = "activation_sent_key_id")
    public Long activationSentKeyId;
}
