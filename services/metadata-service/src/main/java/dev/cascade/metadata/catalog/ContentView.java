package dev.cascade.metadata.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.metadata.entity.ContentEntity;

/**
 * A content of the catalog as the API shows it.
 *
 * @param notDeployableReason why it cannot be deployed yet; absent when deployable
 * @param pieceHashes         the piece hashes in hex, in piece order; only when asked for
 */
public record ContentView(String contentId, String name, String version, long sizeBytes, String sha256, int pieceSize,
        int pieceCount, String originUrl, boolean deployable,
        @JsonInclude(JsonInclude.Include.NON_NULL) String notDeployableReason, String connectorId, Instant publishedAt,
        Instant updatedAt, long publications, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> pieceHashes) {

    public static ContentView of(ContentEntity content, List<String> pieceHashes) {
        return new ContentView(content.contentId, content.name, content.version, content.sizeBytes, content.sha256,
                content.pieceSize, content.pieceCount, content.originUrl, content.deployable, content.notDeployableReason,
                content.connectorId, content.publishedAt, content.updatedAt, content.publications, pieceHashes);
    }
}
