package dev.cascade.wire.transfer;

import java.io.IOException;

/**
 * Where a {@link PieceServer} reads the pieces it serves: the agent's piece store, the seed's library.
 * Only verified pieces may be served, so an implementation answers {@link #has} for verified pieces only.
 */
public interface PieceSource {

    /** True when a verified copy of piece {@code piece} of {@code contentId} is held. */
    boolean has(String contentId, int piece);

    /** The whole piece; throws when it cannot be read (then the requester is told NOT_HELD). */
    byte[] read(String contentId, int piece) throws IOException;

    /**
     * The verified pieces of {@code contentId} held here and whether more are coming, sent with every NOT_HELD as the
     * held-piece map (docs/protocol.md §17.1), so that the requester asks for those pieces only, and asks again later
     * while this holder is fetching. A content not held at all is an empty holding that is not fetching.
     */
    PieceHolding holding(String contentId);
}
