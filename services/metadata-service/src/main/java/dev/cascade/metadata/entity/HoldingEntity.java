package dev.cascade.metadata.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** What one peer holds of one content, as its newest inventory report said. */
@Entity
@Table(name = "holding")
@IdClass(HoldingEntity.Key.class)
public class HoldingEntity extends PanacheEntityBase {

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Id
    @Column(name = "content_id", length = 128)
    public String contentId;

    @Column(name = "deployment_id", length = 64)
    public String deploymentId;

    /** A {@link dev.cascade.contracts.v1.ContentState} name without its prefix: PENDING, DOWNLOADING, ... */
    @Column(name = "state", length = 16, nullable = false)
    public String state;

    @Column(name = "piece_count", nullable = false)
    public int pieceCount;

    @Column(name = "pieces_held", nullable = false)
    public int piecesHeld;

    /** Bit i set = piece i held and verified (protocol bit order); null when none. */
    @Column(name = "pieces")
    public byte[] pieces;

    @Column(name = "detail", length = 500)
    public String detail;

    /** The peer's clock. */
    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "report_sequence", nullable = false)
    public long reportSequence;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key. */
    public static class Key implements Serializable {
        public String deviceId;
        public String contentId;

        public Key() {
        }

        public Key(String deviceId, String contentId) {
            this.deviceId = deviceId;
            this.contentId = contentId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(deviceId, key.deviceId) && Objects.equals(contentId, key.contentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, contentId);
        }
    }
}
