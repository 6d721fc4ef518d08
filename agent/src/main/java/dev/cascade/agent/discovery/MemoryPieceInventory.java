package dev.cascade.agent.discovery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PieceInventory} in memory, safe for many threads: downloads mark pieces as they are
 * verified while the responder reads. Each content's bitmap is replaced atomically, so a reader
 * sees a bitmap as it was after some number of whole updates, never a torn one.
 */
public final class MemoryPieceInventory implements PieceInventory {

    private final Map<String, PieceBitmap> contents = new ConcurrentHashMap<>();

    /**
     * Starts tracking {@code contentId} with {@code pieceCount} pieces, none held; keeps what is already
     * held if it was tracked with the same count.
     *
     * @throws IllegalArgumentException when it is tracked with another piece count
     */
    public void track(String contentId, int pieceCount) {
        checkId(contentId);
        PieceBitmap fresh = PieceBitmap.none(pieceCount);
        PieceBitmap existing = contents.putIfAbsent(contentId, fresh);
        if (existing != null && existing.pieceCount() != pieceCount) {
            throw new IllegalArgumentException("content '" + contentId + "' has " + existing.pieceCount()
                    + " pieces, not " + pieceCount);
        }
    }

    /** Records that piece {@code index} of a tracked content is held (after it was verified). */
    public void markHeld(String contentId, int index) {
        checkId(contentId);
        PieceBitmap updated = contents.computeIfPresent(contentId, (id, bitmap) -> bitmap.with(index));
        if (updated == null) {
            throw new IllegalArgumentException("content '" + contentId + "' is not tracked: track it with its piece count first");
        }
    }

    /** Replaces what is held of {@code contentId} by {@code pieces} (e.g. a store scanned at start). */
    public void put(String contentId, PieceBitmap pieces) {
        checkId(contentId);
        contents.put(contentId, pieces);
    }

    /** Forgets {@code contentId} (its pieces were deleted). */
    public void remove(String contentId) {
        contents.remove(contentId);
    }

    @Override
    public Optional<PieceBitmap> held(String contentId) {
        PieceBitmap bitmap = contents.get(contentId);
        return bitmap == null || bitmap.heldCount() == 0 ? Optional.empty() : Optional.of(bitmap);
    }

    /** How many contents are tracked, held or not. */
    public int size() {
        return contents.size();
    }

    private static void checkId(String contentId) {
        if (contentId == null || contentId.isEmpty()) {
            throw new IllegalArgumentException("a content id is not empty");
        }
    }
}
