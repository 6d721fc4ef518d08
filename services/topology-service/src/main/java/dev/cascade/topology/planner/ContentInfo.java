package dev.cascade.topology.planner;

/**
 * A content of the catalog as the planner needs it.
 *
 * @param pieceSize  bytes per piece (the last piece may be shorter)
 * @param originUrl  where the CDN or file store serves it; empty when nowhere
 */
public record ContentInfo(String contentId, String name, long sizeBytes, int pieceSize, String originUrl) {

    public ContentInfo {
        if (contentId == null || contentId.isBlank()) {
            throw new IllegalArgumentException("a content needs an id");
        }
        if (sizeBytes < 0 || pieceSize < 0 || (sizeBytes > 0 && pieceSize == 0)) {
            throw new IllegalArgumentException("content " + contentId + " has size " + sizeBytes + " and piece size " + pieceSize
                    + "; expected a size of at least 0 and a piece size above 0");
        }
        name = name == null ? "" : name;
        originUrl = originUrl == null ? "" : originUrl.strip();
    }

    public int pieceCount() {
        return sizeBytes == 0 ? 0 : (int) ((sizeBytes + pieceSize - 1) / pieceSize);
    }

    public boolean hasOrigin() {
        return !originUrl.isEmpty();
    }

    /** Bytes still to download for a peer holding {@code piecesHeld} pieces (whole pieces; never below 0). */
    public long bytesMissing(int piecesHeld) {
        return Math.max(0, sizeBytes - (long) piecesHeld * pieceSize);
    }

    /** "40 %" of the pieces, rounded down so that only a complete holder shows 100 %. */
    public String share(int piecesHeld) {
        int count = pieceCount();
        if (count == 0 || piecesHeld >= count) {
            return "100 %";
        }
        return (int) ((long) piecesHeld * 100 / count) + " %";
    }

    /** How admins know the content. */
    public String label() {
        return name.isBlank() ? contentId : name;
    }
}
