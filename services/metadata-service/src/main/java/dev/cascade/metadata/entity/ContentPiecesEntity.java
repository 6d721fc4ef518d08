package dev.cascade.metadata.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The piece hashes of a deployable content: 32 bytes per piece, concatenated in piece order. */
@Entity
@Table(name = "content_pieces")
public class ContentPiecesEntity extends PanacheEntityBase {

    @Id
    @Column(name = "content_id", length = 128)
    public String contentId;

    @Column(name = "piece_hashes", nullable = false)
    public byte[] pieceHashes;
}
