package dev.cascade.wire.transfer;

import java.util.BitSet;

/**
 * What a holder holds of one content, as a NOT_HELD answer tells it (docs/protocol.md §17.1): its verified pieces,
 * and whether it is fetching the content itself (then it will hold more, and the requester asks again later).
 */
public record PieceHolding(BitSet held, int pieceCount, boolean fetching) {

    /** Nothing of the content, and not fetching it. */
    public static final PieceHolding NONE = new PieceHolding(new BitSet(), 0, false);

    /** Every piece of a content of {@code pieceCount}. */
    public static PieceHolding all(int pieceCount) {
        BitSet held = new BitSet(pieceCount);
        held.set(0, pieceCount);
        return new PieceHolding(held, pieceCount, false);
    }

    public PieceHolding {
        held = (BitSet) held.clone();
    }

    @Override
    public BitSet held() {
        return (BitSet) held.clone();
    }
}
