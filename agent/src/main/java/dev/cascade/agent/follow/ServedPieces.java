package dev.cascade.agent.follow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.Optional;

import dev.cascade.agent.content.BadPieceException;
import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.agent.content.SeedLibrary;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.PieceSource;

/**
 * The pieces this agent serves on its content port: the verified pieces of its cache and, on a seed, of its library.
 * Both verify a piece's SHA-256 as they read it, so a piece damaged on disk is refused (the requester is told
 * NOT_HELD) and never passed on.
 */
public final class ServedPieces implements PieceSource {

    private final ContentCache cache;
    private final SeedLibrary library;

    /** {@code library}: the seed's library, or null on an agent that is not a seed. */
    public ServedPieces(ContentCache cache, SeedLibrary library) {
        this.cache = cache;
        this.library = library;
    }

    @Override
    public boolean has(String contentId, int piece) {
        Optional<PieceStore> store = cache.find(contentId);
        if (store.isPresent() && piece >= 0 && piece < store.get().manifest().pieceCount() && store.get().isHeld(piece)) {
            return true;
        }
        if (library == null) {
            return false;
        }
        Optional<PieceBitmap> held = library.held(contentId);
        return held.isPresent() && piece >= 0 && piece < held.get().pieceCount() && held.get().isHeld(piece);
    }

    /**
     * The verified pieces held of {@code contentId}: the library's on a seed, else the cache's; fetching while the
     * cache holds it incomplete (a download that stopped for good leaves requesters waiting for the growth wait).
     */
    @Override
    public PieceHolding holding(String contentId) {
        if (library != null) {
            Optional<PieceBitmap> held = library.held(contentId);
            if (held.isPresent()) {
                return new PieceHolding(bits(held.get()), held.get().pieceCount(), false);
            }
        }
        Optional<PieceStore> store = cache.find(contentId);
        if (store.isEmpty()) {
            return PieceHolding.NONE;
        }
        PieceBitmap held = store.get().held();
        return new PieceHolding(bits(held), held.pieceCount(), !held.isComplete());
    }

    private static BitSet bits(PieceBitmap bitmap) {
        BitSet bits = new BitSet(bitmap.pieceCount());
        for (int p = 0; p < bitmap.pieceCount(); p++) {
            if (bitmap.isHeld(p)) {
                bits.set(p);
            }
        }
        return bits;
    }

    @Override
    public byte[] read(String contentId, int piece) throws IOException {
        try {
            Optional<PieceStore> store = cache.find(contentId);
            if (store.isPresent() && store.get().isHeld(piece)) {
                Optional<byte[]> bytes = store.get().read(piece);
                if (bytes.isPresent()) {
                    return bytes.get();
                }
            }
            if (library != null) {
                Optional<byte[]> bytes = library.read(contentId, piece);
                if (bytes.isPresent()) {
                    return bytes.get();
                }
            }
        } catch (BadPieceException | UncheckedIOException e) {
            throw new IOException(e.getMessage(), e);
        }
        throw new IOException("piece " + piece + " of content '" + contentId + "' is not held here");
    }
}
