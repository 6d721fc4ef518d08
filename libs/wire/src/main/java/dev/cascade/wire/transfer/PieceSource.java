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
}
