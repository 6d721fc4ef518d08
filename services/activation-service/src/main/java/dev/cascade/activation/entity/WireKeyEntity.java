package dev.cascade.activation.entity;

import java.time.Instant;

import dev.cascade.activation.keys.StoredKey;
import dev.cascade.wire.KeyPurpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A wire key of the ring (protocol.md §3): the current one of its family, or retired until its grace ends. */
@Entity
@Table(name = "wire_key")
public class WireKeyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public Long id;

    /** "fleet" or "connector". */
    @Column(name = "family", length = 16, nullable = false)
    public String family;

    @Column(name = "secret", length = 32, nullable = false)
    public byte[] secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "retired_until")
    public Instant retiredUntil;

    public StoredKey toKey() {
        return new StoredKey(id, KeyPurpose.valueOf(family.toUpperCase(java.util.Locale.ROOT)), secret, createdAt, retiredUntil);
    }

    public static WireKeyEntity of(StoredKey key) {
        WireKeyEntity row = new WireKeyEntity();
        row.id = key.id();
        row.family = key.familyName();
        row.secret = key.secret();
        row.createdAt = key.createdAt();
        row.retiredUntil = key.retiredUntil();
        return row;
    }
}
