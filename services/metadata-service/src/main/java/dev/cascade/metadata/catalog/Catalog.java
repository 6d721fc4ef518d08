package dev.cascade.metadata.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.ContentPiecesEntity;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The content catalog: writes the connector's publications once per event id and reads contents.
 * A content id names one immutable blob: a publication with another SHA-256 (or size) for a known
 * id is refused, as is one that changes piece hashes already known. A publication with the same
 * SHA-256 updates name, version and origin, and brings piece hashes the content did not have.
 */
@ApplicationScoped
public class Catalog {

    private static final Logger LOG = Logger.getLogger(Catalog.class);
    private static final String TYPE = ConnectorRequestReceived.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    MeterRegistry registry;

    /** What a publication did. */
    public enum Outcome {
        NEW, UPDATED, DUPLICATE
    }

    /** One page of contents, ordered by content id. */
    public record ContentPage(long total, int limit, int offset, List<ContentView> items) {
    }

    /**
     * Applies one publication in its own transaction (or the caller's).
     *
     * @throws IllegalArgumentException naming the content when the publication contradicts the
     *                                  stored blob; nothing is written then
     */
    @Transactional
    public Outcome publish(String eventId, String connectorId, CatalogEntry entry, Instant receivedAt) {
        if (!processedEvents.firstTime(eventId, TYPE)) {
            registry.counter("cascade_metadata_events_duplicate_total", "type", TYPE).increment();
            return Outcome.DUPLICATE;
        }
        ContentEntity content = ContentEntity.findById(entry.contentId());
        if (content == null) {
            content = new ContentEntity();
            content.contentId = entry.contentId();
            content.sizeBytes = entry.sizeBytes();
            content.sha256 = entry.sha256();
            content.publishedAt = receivedAt;
            content.publications = 0;
            describe(content, entry, connectorId, receivedAt);
            layOut(content, entry);
            content.persist();
            count("new", entry);
            LOG.infof("content %s (%s %s, %d bytes) published%s", entry.contentId(), entry.name(), entry.version(),
                    entry.sizeBytes(), entry.deployable() ? "" : "; not deployable: " + entry.notDeployableReason());
            return Outcome.NEW;
        }
        requireSameBlob(content, entry);
        describe(content, entry, connectorId, receivedAt);
        if (!content.deployable) {
            layOut(content, entry);
        } else if (entry.deployable()) {
            requireSameLayout(content, entry);
        } // a publication without (valid) hashes leaves the known ones
        count("updated", entry);
        return Outcome.UPDATED;
    }

    private void count(String outcome, CatalogEntry entry) {
        registry.counter("cascade_metadata_contents_published_total", "outcome", outcome,
                "deployable", String.valueOf(entry.deployable())).increment();
    }

    private static void describe(ContentEntity content, CatalogEntry entry, String connectorId, Instant at) {
        content.name = entry.name();
        content.version = entry.version();
        content.originUrl = entry.originUrl().isEmpty() ? null : entry.originUrl();
        content.connectorId = connectorId;
        content.updatedAt = at;
        content.publications++;
    }

    private static void layOut(ContentEntity content, CatalogEntry entry) {
        content.pieceSize = entry.pieceSize();
        content.pieceCount = entry.pieceCount();
        content.deployable = entry.deployable();
        content.notDeployableReason = entry.notDeployableReason();
        if (entry.deployable()) {
            ContentPiecesEntity pieces = new ContentPiecesEntity();
            pieces.contentId = entry.contentId();
            pieces.pieceHashes = entry.pieceHashes();
            pieces.persist();
        }
    }

    private static void requireSameBlob(ContentEntity content, CatalogEntry entry) {
        if (!content.sha256.equals(entry.sha256())) {
            throw new IllegalArgumentException("content " + content.contentId + " is the blob with SHA-256 " + content.sha256
                    + "; this publication says " + entry.sha256() + ". Content ids are immutable: publish a changed blob under a new content id");
        }
        if (content.sizeBytes != entry.sizeBytes()) {
            throw new IllegalArgumentException("content " + content.contentId + " is " + content.sizeBytes
                    + " bytes; this publication says " + entry.sizeBytes() + " with the same SHA-256");
        }
    }

    private static void requireSameLayout(ContentEntity content, CatalogEntry entry) {
        ContentPiecesEntity stored = ContentPiecesEntity.findById(content.contentId);
        if (content.pieceSize != entry.pieceSize() || stored == null || !Arrays.equals(stored.pieceHashes, entry.pieceHashes())) {
            throw new IllegalArgumentException("content " + content.contentId + " already has piece hashes (pieces of "
                    + content.pieceSize + " bytes); this publication brings different ones (pieces of " + entry.pieceSize()
                    + " bytes). Peers verify pieces against the stored hashes, which never change for a content id");
        }
    }

    @Transactional
    public Optional<ContentView> find(String contentId, boolean withPieceHashes) {
        return ContentEntity.<ContentEntity>findByIdOptional(contentId)
                .map(content -> ContentView.of(content, withPieceHashes ? hexHashes(content.contentId) : null));
    }

    @Transactional
    public ContentPage page(int limit, int offset) {
        var query = ContentEntity.<ContentEntity>findAll(Sort.by("contentId"));
        List<ContentView> items = query.range(offset, offset + limit - 1).list().stream()
                .map(content -> ContentView.of(content, null)).toList();
        return new ContentPage(query.count(), limit, offset, items);
    }

    /** The content as the wire describes it, with its piece hashes when asked and known. */
    @Transactional
    public Optional<AppMetadata> metadata(String contentId, boolean withPieceHashes) {
        ContentEntity content = ContentEntity.findById(contentId);
        return content == null ? Optional.empty() : Optional.of(metadata(content, withPieceHashes));
    }

    /** {@code content} as the wire describes it; in the caller's transaction. */
    public static AppMetadata metadata(ContentEntity content, boolean withPieceHashes) {
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId(content.contentId)
                .setSizeBytes(content.sizeBytes).setSha256(ByteString.fromHex(content.sha256)).setPieceSize(content.pieceSize);
        if (content.name != null) {
            metadata.setName(content.name);
        }
        if (content.version != null) {
            metadata.setVersion(content.version);
        }
        if (content.originUrl != null) {
            metadata.setOriginUrl(content.originUrl);
        }
        if (withPieceHashes && content.deployable) {
            ContentPiecesEntity pieces = ContentPiecesEntity.findById(content.contentId);
            for (int offset = 0; offset < pieces.pieceHashes.length; offset += CatalogEntry.HASH_BYTES) {
                metadata.addPieceHashes(ByteString.copyFrom(pieces.pieceHashes, offset, CatalogEntry.HASH_BYTES));
            }
        }
        return metadata.build();
    }

    private static List<String> hexHashes(String contentId) {
        ContentPiecesEntity pieces = ContentPiecesEntity.findById(contentId);
        List<String> hex = new ArrayList<>();
        if (pieces != null) {
            for (int offset = 0; offset < pieces.pieceHashes.length; offset += CatalogEntry.HASH_BYTES) {
                hex.add(HexFormat.of().formatHex(pieces.pieceHashes, offset, offset + CatalogEntry.HASH_BYTES));
            }
        }
        return hex;
    }
}
