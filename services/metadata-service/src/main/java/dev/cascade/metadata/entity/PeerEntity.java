package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered peer with the attributes of its newest registration. */
@Entity
@Table(name = "peer")
public class PeerEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Column(name = "hostname", length = 253)
    public String hostname;

    @Column(name = "ip_address", length = 45, nullable = false)
    public String ipAddress;

    @Column(name = "prefix_length")
    public int prefixLength;

    @Column(name = "device_class", length = 16)
    public String deviceClass;

    @Column(name = "os_type", length = 16)
    public String osType;

    @Column(name = "free_storage_bytes")
    public long freeStorageBytes;

    @Column(name = "usable_storage_bytes")
    public long usableStorageBytes;

    @Column(name = "boot_time")
    public Instant bootTime;

    @Column(name = "client_version", length = 32)
    public String clientVersion;

    /** Null while the office is not known: pending (office_resolved_at null) or refused by topology-service. */
    @Column(name = "office_id", length = 64)
    public String officeId;

    @Column(name = "office_name", length = 200)
    public String officeName;

    /** When topology-service last answered for {@link #ipAddress}. */
    @Column(name = "office_resolved_at")
    public Instant officeResolvedAt;

    /**
     * The topology revision that answer was computed from; 0 when unknown. Below the newest
     * announced revision ({@link TopologyRevisionEntity}) the office is stale and is asked again.
     */
    @Column(name = "office_revision", nullable = false)
    public long officeRevision;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    /** The peer's own timestamp of the registration these attributes come from. */
    @Column(name = "last_sent_at", nullable = false)
    public Instant lastSentAt;

    @Column(name = "last_event_id", length = 64, nullable = false)
    public String lastEventId;

    @Column(name = "registrations", nullable = false)
    public long registrations;

    /** All upload slots taken, as the newest heartbeat said. */
    @Column(name = "busy", nullable = false)
    public boolean busy;

    @Column(name = "heartbeats", nullable = false)
    public long heartbeats;

    /** The peer's own timestamp of the newest heartbeat applied; null before the first. */
    @Column(name = "last_heartbeat_sent_at")
    public Instant lastHeartbeatSentAt;

    /** REJECTs of server messages this peer sent (each event once). */
    @Column(name = "rejects", nullable = false)
    public long rejects;

    /** When the gateway received the newest of them; null before the first. */
    @Column(name = "last_reject_at")
    public Instant lastRejectAt;

    /** Its reason, e.g. "malformed_payload" (PeerReply#reason). */
    @Column(name = "last_reject_reason", length = 40)
    public String lastRejectReason;

    /** The peer's sentence with it, at most PeerReply#MAX_DETAIL characters. */
    @Column(name = "last_reject_detail", length = 256)
    public String lastRejectDetail;
}
