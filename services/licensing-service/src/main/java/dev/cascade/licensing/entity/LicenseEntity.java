package dev.cascade.licensing.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An imported license file (verified at import), kept as history; the active one is chosen by rule. */
@Entity
@Table(name = "license")
public class LicenseEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "license_key", length = 64, nullable = false)
    public String licenseKey;

    @Column(name = "customer", length = 200, nullable = false)
    public String customer;

    @Column(name = "seats", nullable = false)
    public long seats;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "key_id", length = 16, nullable = false)
    public String keyId;

    /** Base64 Ed25519 signature: one file, one row (importing the same file again changes nothing). */
    @Column(name = "signature", length = 88, nullable = false, unique = true)
    public String signature;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}
