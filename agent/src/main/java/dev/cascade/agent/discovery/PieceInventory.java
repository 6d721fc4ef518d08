package dev.cascade.agent.discovery;

import java.util.Optional;

/**
 * What this agent holds, as discovery needs it: for a content id, the pieces held and verified.
 * The piece store (issue 7) fills it; the {@link DiscoveryResponder} only reads it.
 */
public interface PieceInventory {

    /** The pieces held of {@code contentId}; empty when none is held (or the content is unknown). */
    Optional<PieceBitmap> held(String contentId);
}
