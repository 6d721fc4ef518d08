package dev.cascade.agent.content;

import com.google.protobuf.ByteString;
import dev.cascade.contracts.v1.AppMetadata;

import java.util.Arrays;

/**
 * What the agent needs to know to fetch, verify and serve one content: its id, size, whole SHA-256,
 * piece size and the SHA-256 of every piece (AppMetadata of DEPLOYMENT_NOTICE, docs/protocol.md §15.5).
 * Piece {@code i} covers bytes {@code [i * pieceSize, min((i + 1) * pieceSize, size))}.
 *
 * <p>The piece hashes are kept as one array of {@code 32 * pieceCount} bytes (piece {@code i} at
 * {@code 32 * i}): half a million hashes as separate arrays would cost several times their size. The
 * arrays are copied in and out, so a manifest is immutable; equality compares their contents.
 *
 * @param contentId   1–256 characters, no control characters
 * @param sizeBytes   at least 1 (an empty content has nothing to distribute)
 * @param sha256      32 bytes: the whole content
 * @param pieceSize   1 B – 1 GiB (the connector's range; a piece is held in memory while it is verified)
 * @param pieceHashes {@code 32 * ceil(sizeBytes / pieceSize)} bytes, piece by piece
 */
public record ContentManifest(String contentId, long sizeBytes, byte[] sha256, int pieceSize, byte[] pieceHashes) {

    /** Bytes of a SHA-256 digest. */
    public static final int HASH_BYTES = 32;
    /** The largest piece this agent takes: the connector's largest {@code --piece-size}. */
    public static final int MAX_PIECE_SIZE = 1 << 30;
    /** The most pieces a content may have (docs/protocol.md §15.6, {@code ContentHolding.piece_count}). */
    public static final int MAX_PIECE_COUNT = 1 << 22;

    /** Checks every field; throws {@link IllegalArgumentException} naming the field and what was expected. */
    public ContentManifest {
        if (contentId == null || contentId.isEmpty() || contentId.length() > 256) {
            throw new IllegalArgumentException("content_id '" + contentId + "' must be 1-256 characters");
        }
        if (contentId.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
            throw new IllegalArgumentException("content_id of content '" + printable(contentId)
                    + "' contains a control character");
        }
        if (sizeBytes < 1) {
            throw new IllegalArgumentException(named(contentId) + "size_bytes is " + Long.toUnsignedString(sizeBytes)
                    + "; expected 1.." + Long.MAX_VALUE);
        }
        if (sha256 == null || sha256.length != HASH_BYTES) {
            throw new IllegalArgumentException(named(contentId) + "sha256 has " + (sha256 == null ? 0 : sha256.length)
                    + " bytes; expected " + HASH_BYTES);
        }
        if (pieceSize < 1 || pieceSize > MAX_PIECE_SIZE) {
            throw new IllegalArgumentException(named(contentId) + "piece_size is " + Integer.toUnsignedString(pieceSize)
                    + "; expected 1.." + MAX_PIECE_SIZE);
        }
        long count = (sizeBytes + pieceSize - 1) / pieceSize;
        if (count > MAX_PIECE_COUNT) {
            throw new IllegalArgumentException(named(contentId) + "size_bytes " + sizeBytes + " in pieces of " + pieceSize
                    + " makes " + count + " pieces; at most " + MAX_PIECE_COUNT + " are allowed");
        }
        if (pieceHashes == null || pieceHashes.length != count * HASH_BYTES) {
            throw new IllegalArgumentException(named(contentId) + "piece_hashes has "
                    + (pieceHashes == null ? 0 : pieceHashes.length) + " bytes; expected " + count + " hashes of "
                    + HASH_BYTES + " bytes for size_bytes " + sizeBytes + " and piece_size " + pieceSize);
        }
        sha256 = sha256.clone();
        pieceHashes = pieceHashes.clone();
    }

    /** The manifest of a DEPLOYMENT_NOTICE's content (or the catalog's AppMetadata); checks it as the constructor does. */
    public static ContentManifest from(AppMetadata m) {
        String id = m.getContentId();
        int count = m.getPieceHashesCount();
        byte[] hashes = new byte[Math.multiplyExact(count, HASH_BYTES)];
        for (int i = 0; i < count; i++) {
            ByteString hash = m.getPieceHashes(i);
            if (hash.size() != HASH_BYTES) {
                throw new IllegalArgumentException(named(id) + "piece_hashes[" + i + "] has " + hash.size()
                        + " bytes; expected " + HASH_BYTES);
            }
            hash.copyTo(hashes, i * HASH_BYTES);
        }
        return new ContentManifest(id, m.getSizeBytes(), m.getSha256().toByteArray(), m.getPieceSize(), hashes);
    }

    /** The AppMetadata form (id, size, hashes; no name, version or origin), as the store keeps it on disk. */
    public AppMetadata toAppMetadata() {
        AppMetadata.Builder m = AppMetadata.newBuilder().setContentId(contentId).setSizeBytes(sizeBytes)
                .setSha256(ByteString.copyFrom(sha256)).setPieceSize(pieceSize);
        for (int i = 0; i < pieceCount(); i++) {
            m.addPieceHashes(ByteString.copyFrom(pieceHashes, i * HASH_BYTES, HASH_BYTES));
        }
        return m.build();
    }

    public int pieceCount() {
        return pieceHashes.length / HASH_BYTES;
    }

    /**
     * The view of this content that the peer transfer ({@code dev.cascade.wire.transfer}) works with: id, size and
     * piece size only. It is built from this manifest, never received on its own, so the two cannot disagree on
     * where a piece starts or how long it is; verification stays here, with the hashes.
     *
     * @throws IllegalArgumentException when the pieces are longer than peers carry (64 MiB, protocol.md §17.6):
     *                                  such a content can come from the origin only
     */
    public dev.cascade.wire.transfer.ContentManifest forTransfer() {
        if (pieceSize > dev.cascade.wire.TransferLimits.MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException(named(contentId) + "piece_size " + pieceSize + " is larger than the "
                    + dev.cascade.wire.TransferLimits.MAX_PIECE_LENGTH + " bytes peers carry; fetch it from the origin");
        }
        return new dev.cascade.wire.transfer.ContentManifest(contentId, sizeBytes, pieceSize);
    }

    /** The byte offset of piece {@code index} in the content. */
    public long pieceOffset(int index) {
        checkIndex(index);
        return (long) index * pieceSize;
    }

    /** The bytes of piece {@code index}: {@link #pieceSize()}, less for the last piece. */
    public int pieceLength(int index) {
        return (int) Math.min(pieceSize, sizeBytes - pieceOffset(index));
    }

    /** The SHA-256 the manifest gives for piece {@code index} (a copy). */
    public byte[] pieceHash(int index) {
        checkIndex(index);
        return Arrays.copyOfRange(pieceHashes, index * HASH_BYTES, (index + 1) * HASH_BYTES);
    }

    /** Whether {@code digest} is the SHA-256 of piece {@code index}. */
    public boolean pieceHashIs(int index, byte[] digest) {
        checkIndex(index);
        return Arrays.equals(pieceHashes, index * HASH_BYTES, (index + 1) * HASH_BYTES, digest, 0, digest.length);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public byte[] pieceHashes() {
        return pieceHashes.clone();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= pieceCount()) {
            throw new IllegalArgumentException("piece " + index + " is outside 0.." + (pieceCount() - 1) + " of content '"
                    + contentId + "'");
        }
    }

    private static String named(String contentId) {
        return "content '" + printable(contentId) + "': ";
    }

    private static String printable(String text) {
        return text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentManifest other && other.contentId.equals(contentId) && other.sizeBytes == sizeBytes
                && other.pieceSize == pieceSize && Arrays.equals(other.sha256, sha256)
                && Arrays.equals(other.pieceHashes, pieceHashes);
    }

    @Override
    public int hashCode() {
        return contentId.hashCode() * 31 + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "content '" + contentId + "' (" + sizeBytes + " bytes, " + pieceCount() + " pieces of " + pieceSize
                + ", SHA-256 " + Sha256.hex(sha256) + ")";
    }
}
