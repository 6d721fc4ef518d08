package dev.cascade.metadata.entity;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** How the transfers of one content by peers of one office ended. */
@Entity
@Table(name = "transfer_outcome")
@IdClass(TransferOutcomeEntity.Key.class)
public class TransferOutcomeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "content_id", length = 128)
    public String contentId;

    /** '' for peers without an office. */
    @Id
    @Column(name = "office_id", length = 64)
    public String officeId;

    @Column(name = "transfers", nullable = false)
    public long transfers;

    @Column(name = "completed", nullable = false)
    public long completed;

    @Column(name = "failed", nullable = false)
    public long failed;

    @Column(name = "bad_pieces", nullable = false)
    public long badPieces;

    /** The composite key. */
    public static class Key implements Serializable {
        public String contentId;
        public String officeId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(contentId, key.contentId) && Objects.equals(officeId, key.officeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contentId, officeId);
        }
    }
}
