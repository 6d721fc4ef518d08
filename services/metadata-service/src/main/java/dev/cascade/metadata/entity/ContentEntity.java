package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A content of the catalog (one immutable blob); its piece hashes are in {@link ContentPiecesEntity}. */
@Entity
@Table(name = "content")
public class ContentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "content_id", length = 128)
    public String contentId;

    @Column(name = "name", length = 400)
    public String name;

    @Column(name = "version", length = 100)
    public String version;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Lower-case hex. */
    @Column(name = "sha256", length = 64, nullable = false)
    public String sha256;

    @Column(name = "piece_size", nullable = false)
    public int pieceSize;

    /** ceil(size / piece size); 0 when the piece size is 0. */
    @Column(name = "piece_count", nullable = false)
    public int pieceCount;

    @Column(name = "origin_url", length = 2000)
    public String originUrl;

    /** True once valid piece hashes are stored. */
    @Column(name = "deployable", nullable = false)
    public boolean deployable;

    /** Why not deployable, for the admin; null when deployable. */
    @Column(name = "not_deployable_reason", length = 400)
    public String notDeployableReason;

    @Column(name = "connector_id", length = 64)
    public String connectorId;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "publications", nullable = false)
    public long publications;
}
