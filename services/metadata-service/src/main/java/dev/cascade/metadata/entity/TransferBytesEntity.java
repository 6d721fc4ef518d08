package dev.cascade.metadata.entity;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Bytes of one content that peers of one office received from one source class. */
@Entity
@Table(name = "transfer_bytes")
@IdClass(TransferBytesEntity.Key.class)
public class TransferBytesEntity extends PanacheEntityBase {

    @Id
    @Column(name = "content_id", length = 128)
    public String contentId;

    /** '' for peers without an office. */
    @Id
    @Column(name = "office_id", length = 64)
    public String officeId;

    /** A {@link dev.cascade.contracts.v1.SourceClass} name without its prefix. */
    @Id
    @Column(name = "source_class", length = 32)
    public String sourceClass;

    @Column(name = "bytes", nullable = false)
    public long bytes;

    /** Transfers that drew bytes from this class. */
    @Column(name = "transfers", nullable = false)
    public long transfers;

    /** The composite key. */
    public static class Key implements Serializable {
        public String contentId;
        public String officeId;
        public String sourceClass;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(contentId, key.contentId) && Objects.equals(officeId, key.officeId)
                    && Objects.equals(sourceClass, key.sourceClass);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contentId, officeId, sourceClass);
        }
    }
}
