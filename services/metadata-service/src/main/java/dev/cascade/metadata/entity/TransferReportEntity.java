package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A transfer counted in the statistics, by the peer's transfer id: a transfer is counted once. */
@Entity
@Table(name = "transfer_report")
public class TransferReportEntity extends PanacheEntityBase {

    @Id
    @Column(name = "transfer_id", length = 64)
    public String transferId;

    @Column(name = "device_id", length = 36, nullable = false)
    public String deviceId;

    @Column(name = "content_id", length = 128, nullable = false)
    public String contentId;

    /** '' when the peer had no office. */
    @Column(name = "office_id", length = 64, nullable = false)
    public String officeId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
