package dev.cascade.agent.discovery;

import java.util.BitSet;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Which pieces of one content are held, as DISCOVER_REPLY carries them (docs/protocol.md §12): piece
 * {@code i} is held when {@code (bytes[i / 8] >> (i % 8)) & 1} is 1 (least significant bit first),
 * and the bytes stop after the one holding the highest held piece. Immutable.
 */
public final class PieceBitmap {

    private final int pieceCount;
    private final BitSet held;

    private PieceBitmap(int pieceCount, BitSet held) {
        this.pieceCount = pieceCount;
        this.held = held;
    }

    /** A content of {@code pieceCount} pieces of which none is held yet. */
    public static PieceBitmap none(int pieceCount) {
        return new PieceBitmap(checkCount(pieceCount), new BitSet());
    }

    /** A content of {@code pieceCount} pieces, all held. */
    public static PieceBitmap all(int pieceCount) {
        BitSet held = new BitSet();
        held.set(0, checkCount(pieceCount));
        return new PieceBitmap(pieceCount, held);
    }

    /** A content of {@code pieceCount} pieces of which {@code indexes} are held. */
    public static PieceBitmap of(int pieceCount, int... indexes) {
        PieceBitmap bitmap = none(pieceCount);
        BitSet held = new BitSet();
        for (int index : indexes) {
            bitmap.checkIndex(index);
            held.set(index);
        }
        return new PieceBitmap(pieceCount, held);
    }

    /**
     * Reads ranges as {@link #ranges()} writes them ({@code 0-2,5,7}; {@code -} for none). Throws
     * {@link IllegalArgumentException} naming the part that is not a piece or a range of pieces.
     */
    public static PieceBitmap parse(int pieceCount, String ranges) {
        PieceBitmap bitmap = none(pieceCount);
        String text = ranges.trim();
        if (text.equals("-")) {
            return bitmap;
        }
        BitSet held = new BitSet();
        for (String part : text.split(",", -1)) {
            String[] ends = part.trim().split("-", -1);
            try {
                if (ends.length > 2) {
                    throw new NumberFormatException();
                }
                int from = Integer.parseInt(ends[0].trim());
                int to = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : from;
                if (to < from) {
                    throw new IllegalArgumentException("'" + part + "' runs backwards: write the lower piece first");
                }
                bitmap.checkIndex(from);
                bitmap.checkIndex(to);
                held.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a piece or a range of pieces such as 0-2");
            }
        }
        return new PieceBitmap(pieceCount, held);
    }

    /**
     * Reads the wire form. Throws {@link IllegalArgumentException} naming what is wrong when the bytes
     * are longer than {@code pieceCount} needs or mark a piece at or above {@code pieceCount}.
     */
    public static PieceBitmap fromWire(long pieceCount, byte[] bytes) {
        if (pieceCount < 0 || pieceCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("piece_count " + pieceCount + " is outside 0.." + Integer.MAX_VALUE);
        }
        long maxBytes = (pieceCount + 7) / 8;
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("pieces has " + bytes.length + " bytes; " + pieceCount
                    + " pieces need at most " + maxBytes);
        }
        BitSet held = BitSet.valueOf(bytes); // BitSet's byte order is the protocol's: bit i = byte i/8, bit i%8
        if (held.length() > pieceCount) {
            throw new IllegalArgumentException("pieces marks piece " + (held.length() - 1) + " but piece_count is "
                    + pieceCount);
        }
        return new PieceBitmap((int) pieceCount, held);
    }

    /** This bitmap with piece {@code index} held too. */
    public PieceBitmap with(int index) {
        checkIndex(index);
        if (held.get(index)) {
            return this;
        }
        BitSet more = (BitSet) held.clone();
        more.set(index);
        return new PieceBitmap(pieceCount, more);
    }

    /** The wire form: least significant bit first, no bytes after the one holding the highest held piece. */
    public byte[] toWire() {
        return held.toByteArray();
    }

    public int pieceCount() {
        return pieceCount;
    }

    public int heldCount() {
        return held.cardinality();
    }

    public boolean isHeld(int index) {
        return index >= 0 && index < pieceCount && held.get(index);
    }

    public boolean isComplete() {
        return heldCount() == pieceCount;
    }

    /** The held pieces as ranges, e.g. {@code 0-2,5,7}; {@code -} when none is held. */
    public String ranges() {
        StringJoiner text = new StringJoiner(",");
        for (int start = held.nextSetBit(0); start >= 0; ) {
            int end = held.nextClearBit(start) - 1;
            text.add(start == end ? String.valueOf(start) : start + "-" + end);
            start = held.nextSetBit(end + 1);
        }
        return text.length() == 0 ? "-" : text.toString();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= pieceCount) {
            throw new IllegalArgumentException("piece " + index + " is outside 0.." + (pieceCount - 1)
                    + " (the content has " + pieceCount + " pieces)");
        }
    }

    private static int checkCount(int pieceCount) {
        if (pieceCount < 1) {
            throw new IllegalArgumentException("a content has at least 1 piece, not " + pieceCount);
        }
        return pieceCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PieceBitmap other && other.pieceCount == pieceCount && other.held.equals(held);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pieceCount, held);
    }

    @Override
    public String toString() {
        return heldCount() + "/" + pieceCount + " [" + ranges() + "]";
    }
}
