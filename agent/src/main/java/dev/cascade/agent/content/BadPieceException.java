package dev.cascade.agent.content;

/**
 * A piece whose bytes do not have the SHA-256 its manifest gives: sent by a bad peer or origin (the
 * caller reports the sender and avoids it), or found corrupt on disk (the store unmarked it; it is
 * fetched again). Nothing of a bad piece is ever stored or served.
 */
public final class BadPieceException extends RuntimeException {

    private final String contentId;
    private final int piece;
    private final String expectedSha256;
    private final String actualSha256;

    /**
     * @param where where the bytes came from, e.g. "as received" or "on disk in /cache/…/data"
     */
    public BadPieceException(String contentId, int piece, byte[] expected, byte[] actual, String where) {
        super("piece " + piece + " of content '" + contentId + "' " + where + " has SHA-256 " + Sha256.hex(actual)
                + "; the manifest says " + Sha256.hex(expected));
        this.contentId = contentId;
        this.piece = piece;
        this.expectedSha256 = Sha256.hex(expected);
        this.actualSha256 = Sha256.hex(actual);
    }

    public String contentId() {
        return contentId;
    }

    public int piece() {
        return piece;
    }

    /** The manifest's hash of the piece, lower-case hexadecimal. */
    public String expectedSha256() {
        return expectedSha256;
    }

    /** The hash of the bytes that were offered or found, lower-case hexadecimal. */
    public String actualSha256() {
        return actualSha256;
    }
}
