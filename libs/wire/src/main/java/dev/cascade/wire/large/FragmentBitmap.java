package dev.cascade.wire.large;

import java.util.BitSet;

import com.google.protobuf.ByteString;

/**
 * Which fragments of a large message are held, in the wire form of {@code FragmentAck.received}:
 * bit i is {@code (received[i / 8] >> (i % 8)) & 1} (least significant bit first). The wire form
 * stops at the byte holding the highest held fragment, so an ack is never longer than the progress it reports.
 */
public final class FragmentBitmap {

    private final int count;
    private final BitSet bits;

    public FragmentBitmap(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("fragment count must not be negative, was " + count);
        }
        this.count = count;
        this.bits = new BitSet(count);
    }

    /** Reads the wire form; bits at or beyond {@code count} are ignored. */
    public static FragmentBitmap fromWire(int count, ByteString received) {
        FragmentBitmap bitmap = new FragmentBitmap(count);
        int bytes = (int) Math.min(received.size(), ((long) count + 7) / 8);
        for (int b = 0; b < bytes; b++) {
            int value = received.byteAt(b) & 0xFF;
            for (int bit = 0; bit < 8 && value != 0; bit++, value >>>= 1) {
                int index = b * 8 + bit;
                if ((value & 1) != 0 && index < count) {
                    bitmap.bits.set(index);
                }
            }
        }
        return bitmap;
    }

    /** Marks fragment {@code index} held; returns false if it already was. */
    public boolean set(int index) {
        if (bits.get(index)) {
            return false;
        }
        bits.set(index);
        return true;
    }

    public boolean get(int index) {
        return bits.get(index);
    }

    public int count() {
        return count;
    }

    public int held() {
        return bits.cardinality();
    }

    public boolean complete() {
        return held() == count;
    }

    /** The next fragment not held at or after {@code from}, or -1. */
    public int nextMissing(int from) {
        int next = bits.nextClearBit(from);
        return next < count ? next : -1;
    }

    public ByteString toWire() {
        // BitSet.toByteArray uses the same order (bit i in byte i/8, LSB first) and stops at the highest set bit.
        return ByteString.copyFrom(bits.toByteArray());
    }

    /** Heap bytes this bitmap holds, for memory accounting. */
    long sizeInBytes() {
        return ((long) count + 63) / 64 * 8;
    }
}
