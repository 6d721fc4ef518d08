package dev.cascade.metadata.catalog;

import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;

/**
 * One content as the connector described it, checked. The SHA-256 and the content id must be
 * right or the publication is refused; piece hashes that are missing or do not fit the size and
 * piece size leave the content in the catalog but not deployable, with the reason.
 *
 * @param pieceHashes the 32-byte hashes concatenated in piece order; null when not valid
 * @param notDeployableReason null when the piece hashes are valid
 */
public record CatalogEntry(String contentId, String name, String version, long sizeBytes, String sha256, int pieceSize,
        int pieceCount, String originUrl, byte[] pieceHashes, String notDeployableReason) {

    public static final int HASH_BYTES = 32;
    public static final int MAX_CONTENT_ID = 128;
    private static final int MAX_NAME = 400;
    private static final int MAX_VERSION = 100;
    private static final int MAX_URL = 2000;

    public boolean deployable() {
        return pieceHashes != null;
    }

    /**
     * @throws IllegalArgumentException naming the content and the field when the metadata cannot
     *                                  describe a content (no id, a SHA-256 that is not 32 bytes, a size beyond the limits)
     */
    public static CatalogEntry from(AppMetadata metadata) {
        String contentId = metadata.getContentId().strip();
        if (contentId.isEmpty()) {
            throw new IllegalArgumentException("app metadata has an empty content_id; expected the content (blob) id");
        }
        if (contentId.length() > MAX_CONTENT_ID) {
            throw new IllegalArgumentException("content_id '" + contentId + "' is " + contentId.length()
                    + " characters long, at most " + MAX_CONTENT_ID + " allowed");
        }
        String what = "content " + contentId + ": ";
        if (metadata.getSha256().size() != HASH_BYTES) {
            throw new IllegalArgumentException(what + "sha256 is " + metadata.getSha256().size() + " bytes, expected 32");
        }
        if (metadata.getSizeBytes() < 0) { // uint64 above Long.MAX_VALUE
            throw new IllegalArgumentException(what + "size_bytes " + Long.toUnsignedString(metadata.getSizeBytes())
                    + " is beyond the largest supported size");
        }
        requireLength(what, "name", metadata.getName(), MAX_NAME);
        requireLength(what, "version", metadata.getVersion(), MAX_VERSION);
        requireLength(what, "origin_url", metadata.getOriginUrl(), MAX_URL);
        long size = metadata.getSizeBytes();
        int pieceSize = metadata.getPieceSize();
        String sha = HexFormat.of().formatHex(metadata.getSha256().toByteArray());
        if (pieceSize <= 0) { // uint32 above Integer.MAX_VALUE reads as negative
            return new CatalogEntry(contentId, metadata.getName(), metadata.getVersion(), size, sha, Math.max(0, pieceSize), 0,
                    metadata.getOriginUrl(), null, "piece_size is " + Integer.toUnsignedString(pieceSize)
                            + "; expected 1 to " + Integer.MAX_VALUE + " bytes");
        }
        long expected = size == 0 ? 0 : (size - 1) / pieceSize + 1;
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + "size_bytes " + size + " in pieces of " + pieceSize + " bytes makes "
                    + expected + " pieces, more than supported");
        }
        int pieceCount = (int) expected;
        String problem = pieceHashProblem(metadata.getPieceHashesList(), pieceCount, size, pieceSize);
        byte[] hashes = problem == null ? concat(metadata.getPieceHashesList()) : null;
        return new CatalogEntry(contentId, metadata.getName(), metadata.getVersion(), size, sha, pieceSize, pieceCount,
                metadata.getOriginUrl(), hashes, problem);
    }

    /** Null when the hashes are valid, else why not. */
    private static String pieceHashProblem(List<ByteString> hashes, int expected, long size, int pieceSize) {
        if (hashes.isEmpty() && expected > 0) {
            return "no piece hashes yet; expected " + expected + " (size " + size + " bytes, pieces of " + pieceSize + " bytes)";
        }
        if (hashes.size() != expected) {
            return hashes.size() + " piece hashes; expected ceil(" + size + " / " + pieceSize + ") = " + expected;
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.get(i).size() != HASH_BYTES) {
                return "piece hash " + i + " is " + hashes.get(i).size() + " bytes; expected 32";
            }
        }
        return null;
    }

    private static byte[] concat(List<ByteString> hashes) {
        byte[] all = new byte[hashes.size() * HASH_BYTES];
        for (int i = 0; i < hashes.size(); i++) {
            hashes.get(i).copyTo(all, i * HASH_BYTES);
        }
        return all;
    }

    private static void requireLength(String what, String field, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + field + " is " + value.length() + " characters long, at most " + max + " allowed");
        }
    }
}
