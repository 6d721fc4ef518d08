package dev.cascade.agent.discovery;

import java.util.Optional;

/**
 * What this agent holds, as discovery needs it: for a content id, the pieces held and verified.
 * The content cache ({@code dev.cascade.agent.content.ContentCache}) and the seed library answer it from
 * verified pieces on disk, {@link MemoryPieceInventory} from {@code --hold}; the {@link DiscoveryResponder} only reads it.
 */
public interface PieceInventory {

    /** The pieces held of {@code contentId}; empty when none is held (or the content is unknown). */
    Optional<PieceBitmap> held(String contentId);
}
