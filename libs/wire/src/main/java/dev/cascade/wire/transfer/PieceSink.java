package dev.cascade.wire.transfer;

/**
 * Where a {@link PieceFetcher} delivers each piece it assembled. The sink verifies the piece (its SHA-256
 * against the catalog's piece hash) before it stores it: the fetcher never judges content itself.
 */
@FunctionalInterface
public interface PieceSink {

    /** The sink's verdict on one assembled piece. */
    enum Verdict {
        /** Verified and kept. */
        ACCEPTED,
        /** Failed verification: the source that sent it is dropped and the piece is fetched again elsewhere. */
        BAD_PIECE
    }

    Verdict accept(int piece, byte[] data);
}
