package dev.cascade.wire.transfer;

/**
 * What a fetcher needs to know about a content: its id, its length and its piece length (AppMetadata's
 * size_bytes and piece_size). Every piece but the last is {@code pieceLength} bytes.
 */
public record ContentManifest(String contentId, long contentLength, int pieceLength) {

    public ContentManifest {
        if (contentId == null || contentId.isEmpty()) {
            throw new IllegalArgumentException("a content manifest needs a content id");
        }
        if (contentLength < 1) {
            throw new IllegalArgumentException("content " + contentId + " has length " + contentLength
                    + "; expected at least 1 byte");
        }
        if (pieceLength < 1 || pieceLength > dev.cascade.wire.TransferLimits.MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException("content " + contentId + " has piece length " + pieceLength
                    + "; expected 1.." + dev.cascade.wire.TransferLimits.MAX_PIECE_LENGTH);
        }
        if ((contentLength + pieceLength - 1) / pieceLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("content " + contentId + " has too many pieces");
        }
    }

    public int pieceCount() {
        return (int) ((contentLength + pieceLength - 1) / pieceLength);
    }

    public int pieceLength(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount());
        }
        return piece < pieceCount() - 1 ? pieceLength : (int) (contentLength - (long) (pieceCount() - 1) * pieceLength);
    }
}
