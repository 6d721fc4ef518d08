package dev.cascade.wire.transfer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.cascade.wire.large.FragmentBitmap;

/**
 * One piece being assembled from blocks: which blocks are held, which are in flight (and under which
 * ordinal of the source asking for them), which were asked for before (so a second request is counted as a
 * retransmission), and which sources contributed (so a piece that fails verification blames exactly one).
 */
final class PieceAssembly {

    private static final long NOT_IN_FLIGHT = -1;

    final int piece;
    final BlockLayout layout;
    private final byte[] data;
    private FragmentBitmap received;
    private final long[] ordinals;
    private final boolean[] askedBefore;
    private final Set<UUID> contributors = new HashSet<>();
    /** Set after a piece from several sources failed verification: it is then finished by one source only. */
    boolean singleSource;
    long lastProgressNanos;
    /** No block below this is requestable: keeps the per-request scan from starting at block 0 every time. */
    private int firstCandidate;

    PieceAssembly(int piece, BlockLayout layout, long nowNanos) {
        this.piece = piece;
        this.layout = layout;
        this.data = new byte[layout.pieceLength()];
        this.received = new FragmentBitmap(layout.blockCount());
        this.ordinals = new long[layout.blockCount()];
        this.askedBefore = new boolean[layout.blockCount()];
        Arrays.fill(ordinals, NOT_IN_FLIGHT);
        this.lastProgressNanos = nowNanos;
    }

    /** The next block at or after {@code from} neither held nor in flight, or -1. */
    int nextRequestable(int from) {
        int start = Math.max(from, firstCandidate);
        for (int b = start; b < ordinals.length; b++) {
            if (!received.get(b) && ordinals[b] == NOT_IN_FLIGHT) {
                if (from <= firstCandidate) {
                    firstCandidate = b;
                }
                return b;
            }
        }
        if (from <= firstCandidate) {
            firstCandidate = ordinals.length;
        }
        return -1;
    }

    boolean hasRequestable() {
        return nextRequestable(0) >= 0;
    }

    /** Marks {@code block} asked for under {@code ordinal}; true when it had been asked for before. */
    boolean asked(int block, long ordinal) {
        ordinals[block] = ordinal;
        boolean again = askedBefore[block];
        askedBefore[block] = true;
        return again;
    }

    long ordinal(int block) {
        return ordinals[block];
    }

    /** The block's request is gone (lost, or its source lost the piece): it may be asked for again. */
    void forget(int block) {
        ordinals[block] = NOT_IN_FLIGHT;
        firstCandidate = Math.min(firstCandidate, block);
    }

    void forgetAllInFlight() {
        Arrays.fill(ordinals, NOT_IN_FLIGHT);
        firstCandidate = 0;
    }

    boolean held(int block) {
        return received.get(block);
    }

    /** Stores a block's bytes (length already checked by the payload rules against the layout). */
    void store(int block, byte[] bytes, int offset, UUID source, long nowNanos) {
        System.arraycopy(bytes, offset, data, layout.offset(block), layout.length(block));
        received.set(block);
        ordinals[block] = NOT_IN_FLIGHT;
        contributors.add(source);
        lastProgressNanos = nowNanos;
    }

    boolean complete() {
        return received.complete();
    }

    int missingBlocks() {
        return received.count() - received.held();
    }

    byte[] data() {
        return data;
    }

    Set<UUID> contributors() {
        return contributors;
    }

    /** Throws away everything received: the piece failed verification, or came from a source found bad. */
    void reset() {
        Arrays.fill(ordinals, NOT_IN_FLIGHT);
        firstCandidate = 0;
        Arrays.fill(askedBefore, false);
        Arrays.fill(data, (byte) 0);
        contributors.clear();
        received = new FragmentBitmap(layout.blockCount());
    }
}
