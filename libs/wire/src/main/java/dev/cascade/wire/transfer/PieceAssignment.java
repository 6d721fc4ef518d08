package dev.cascade.wire.transfer;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The piece choice of one fetch (docs/protocol.md §17.4): which pieces are held, which are being assembled
 * and by which source, which piece a source asks for next (its own, a released one, the rarest new one, or in
 * the end game one taken over from a stalled source), and what happens to the pieces of a source that is
 * released or found bad. Runs on the fetch's thread only.
 */
final class PieceAssignment {

    private final ContentManifest manifest;
    private final List<SourceLink> links;
    private final BitSet held;
    private final int piecesPerSource;
    private final long stallNanos;
    /** Pieces being assembled, by piece index, whoever assembles them (or nobody, after a release). */
    private final Map<Integer, PieceAssembly> assemblies = new LinkedHashMap<>();
    private final Map<PieceAssembly, SourceLink> owner = new HashMap<>();

    /** @param held the pieces held already (taken over, not copied) */
    PieceAssignment(ContentManifest manifest, List<SourceLink> links, BitSet held, int piecesPerSource, Duration stallTimeout) {
        this.manifest = manifest;
        this.links = links;
        this.held = held;
        this.piecesPerSource = piecesPerSource;
        this.stallNanos = stallTimeout.toNanos();
    }

    int heldCount() {
        return held.cardinality();
    }

    /** Whether {@code link} holds any piece still missing. */
    boolean servesAnyMissing(SourceLink link) {
        for (int p = held.nextClearBit(0); p < manifest.pieceCount(); p = held.nextClearBit(p + 1)) {
            if (link.holds(p)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest missing piece no source is assembling, or -1: the one to probe a holder that is fetching with. */
    int probePiece() {
        for (int p = held.nextClearBit(0); p < manifest.pieceCount(); p = held.nextClearBit(p + 1)) {
            PieceAssembly assembly = assemblies.get(p);
            if (assembly == null || !owner.containsKey(assembly)) {
                return p;
            }
        }
        return -1;
    }

    /** The piece {@code piece} as {@code link} assembles it, or null when it is not {@code link}'s. */
    PieceAssembly ownedBy(SourceLink link, int piece) {
        PieceAssembly assembly = assemblies.get(piece);
        return assembly != null && owner.get(assembly) == link ? assembly : null;
    }

    /** {@code link} stops assembling {@code assembly}; another source may take it (with the blocks received). */
    void unassign(SourceLink link, PieceAssembly assembly) {
        link.abandon(assembly);
        owner.remove(assembly);
    }

    /** {@code assembly} was verified and stored: its piece is held. */
    void accepted(PieceAssembly assembly) {
        assemblies.remove(assembly.piece);
        held.set(assembly.piece);
    }

    /** Releases what {@code link} assembles: others may take the pieces, keeping the blocks received. */
    void release(SourceLink link) {
        for (PieceAssembly assembly : link.releaseAll()) {
            owner.remove(assembly);
        }
    }

    /** {@code bad} sent a bad piece: every piece it contributed blocks to starts again. */
    void restartContributed(SourceLink bad) {
        for (PieceAssembly assembly : assemblies.values()) {
            if (assembly.contributors().contains(bad.source.deviceId())) {
                SourceLink current = owner.remove(assembly);
                if (current != null) {
                    current.abandon(assembly);
                }
                assembly.reset();
            }
        }
    }

    /** The piece {@code link} should ask blocks of next: one of its own, a new one, or one taken over. */
    PieceAssembly work(SourceLink link, long now) {
        for (PieceAssembly assembly : link.active) {
            if (assembly.hasRequestable()) {
                return assembly;
            }
        }
        if (link.active.size() >= piecesPerSource) {
            return null;
        }
        PieceAssembly next = nextPiece(link, now);
        if (next == null) {
            next = takeOver(link, now);
        }
        if (next != null) {
            owner.put(next, link);
            link.active.add(next);
            next.lastProgressNanos = now;
        }
        return next;
    }

    /**
     * A piece nobody assembles: one released with blocks already held first, then the rarest among the
     * sources still usable, the lowest index among equals (so a single holder streams in order).
     */
    private PieceAssembly nextPiece(SourceLink link, long now) {
        for (PieceAssembly assembly : assemblies.values()) {
            if (!owner.containsKey(assembly) && link.holds(assembly.piece)) {
                // cut for another block size (a source with another datagram size): its block indices mean other bytes
                return assembly.layout.blockSize() == link.blockSize ? assembly : relaid(assembly, link, now);
            }
        }
        int best = -1;
        int bestHolders = Integer.MAX_VALUE;
        for (int p = held.nextClearBit(0); p < manifest.pieceCount(); p = held.nextClearBit(p + 1)) {
            if (assemblies.containsKey(p) || !link.holds(p)) {
                continue;
            }
            int holders = 0;
            for (SourceLink other : links) {
                if (!other.dropped && other.holds(p)) {
                    holders++;
                }
            }
            if (holders < bestHolders) {
                best = p;
                bestHolders = holders;
            }
        }
        if (best < 0) {
            return null;
        }
        PieceAssembly assembly = new PieceAssembly(best, new BlockLayout(manifest.pieceLength(best), link.blockSize),
                now);
        assemblies.put(best, assembly);
        return assembly;
    }

    /**
     * End game: with nothing left to start, an idle source takes over the piece whose source sent nothing for
     * the stall timeout, the one with the most blocks missing first. Blocks already held are kept (same block
     * size), unless the piece must come from one source.
     */
    private PieceAssembly takeOver(SourceLink link, long now) {
        PieceAssembly best = null;
        for (PieceAssembly assembly : assemblies.values()) {
            SourceLink current = owner.get(assembly);
            if (current == null || current == link || !link.holds(assembly.piece)
                    || now - assembly.lastProgressNanos < stallNanos) {
                continue;
            }
            if (best == null || assembly.missingBlocks() > best.missingBlocks()) {
                best = assembly;
            }
        }
        if (best == null) {
            return null;
        }
        SourceLink previous = owner.remove(best);
        previous.abandon(best);
        if (best.singleSource || best.layout.blockSize() != link.blockSize) {
            return relaid(best, link, now);
        }
        return best;
    }

    /** {@code old} started again from nothing, cut into {@code link}'s block size. */
    private PieceAssembly relaid(PieceAssembly old, SourceLink link, long now) {
        old.reset();
        PieceAssembly fresh = new PieceAssembly(old.piece, new BlockLayout(old.layout.pieceLength(), link.blockSize), now);
        fresh.singleSource = old.singleSource;
        assemblies.put(old.piece, fresh);
        return fresh;
    }
}
