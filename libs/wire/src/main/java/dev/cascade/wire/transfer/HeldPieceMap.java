package dev.cascade.wire.transfer;

import java.util.Arrays;
import java.util.BitSet;

import dev.cascade.wire.TransferLimits;

/**
 * The map of held pieces a holder sends with NOT_HELD (docs/protocol.md §17.1): bit {@code i} of {@code bits}
 * (least significant bit first) is piece {@code from + i}. It covers at most 8 192 pieces, a window that starts at
 * a multiple of 8 and includes the piece asked for, so that a refusal stays one small datagram for any content.
 */
public record HeldPieceMap(int from, byte[] bits) {

    /** The most pieces one map covers. */
    public static final int MAX_PIECES = TransferLimits.MAX_HELD_PIECES_BYTES * 8;

    public HeldPieceMap {
        if (from < 0 || from % 8 != 0 || bits == null || bits.length > TransferLimits.MAX_HELD_PIECES_BYTES) {
            throw new IllegalArgumentException("a held-piece map starts at a multiple of 8 and has at most "
                    + TransferLimits.MAX_HELD_PIECES_BYTES + " bytes, not " + from + " and "
                    + (bits == null ? "none" : bits.length));
        }
        bits = bits.clone();
    }

    /**
     * The window of {@code held} (pieces of a content of {@code pieceCount}) that includes {@code piece}: from the
     * start when the whole content fits, otherwise starting at {@code piece} rounded down to a multiple of 8.
     * Trailing zero bytes are left out.
     */
    public static HeldPieceMap around(BitSet held, int pieceCount, int piece) {
        int from = pieceCount <= MAX_PIECES ? 0 : Math.max(0, Math.min(piece, pieceCount - MAX_PIECES)) / 8 * 8;
        int to = Math.min(pieceCount, from + MAX_PIECES);
        byte[] bits = new byte[(to - from + 7) / 8];
        int last = -1;
        for (int p = held.nextSetBit(from); p >= 0 && p < to; p = held.nextSetBit(p + 1)) {
            int i = p - from;
            bits[i / 8] |= (byte) (1 << (i % 8));
            last = i / 8;
        }
        return new HeldPieceMap(from, Arrays.copyOf(bits, last + 1));
    }

    /** Pieces the map speaks about: {@code from} .. {@code from + 8 × bytes − 1}; beyond it the holder holds none. */
    public boolean covers(int piece) {
        return piece >= from && piece < from + MAX_PIECES;
    }

    public boolean held(int piece) {
        int i = piece - from;
        return i >= 0 && i / 8 < bits.length && (bits[i / 8] >> (i % 8) & 1) != 0;
    }

    public int heldCount() {
        int count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xFF);
        }
        return count;
    }

    @Override
    public byte[] bits() {
        return bits.clone();
    }
}
