package dev.cascade.wire.transfer;

import java.util.UUID;

/** Progress of a fetch as it happens (called on the fetching thread: keep it quick). */
public interface FetchProgress {

    FetchProgress NONE = new FetchProgress() {
    };

    /** Piece {@code piece} from {@code source} was accepted by the sink; {@code held} of {@code total} pieces held now. */
    default void pieceAccepted(int piece, UUID source, int held, int total) {
    }

    /** {@code source} was dropped for this fetch. */
    default void sourceDropped(UUID source, SourceOutcome outcome, String detail) {
    }

    /**
     * Background fetches only (docs/protocol.md §18.5): other traffic has held the window towards {@code source} at
     * its minimum for a second ({@code busy} true: the WAN is busy, the transfer all but pauses), or the window grows
     * again ({@code busy} false). Called on each change.
     */
    default void wanBusy(UUID source, boolean busy) {
    }
}
