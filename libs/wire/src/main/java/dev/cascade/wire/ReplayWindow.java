package dev.cascade.wire;

/**
 * Sliding anti-replay window for one sender (RFC 6479 style): remembers the highest sequence
 * number seen and which of the {@link #SIZE} numbers below it were seen. A number inside the window
 * that was not seen yet is accepted (reordering); a number seen before or older than the window is not.
 * Not thread-safe: callers synchronise per sender.
 */
public final class ReplayWindow {

    public static final int SIZE = 2048;
    // One word more than the window, so sliding never clears a word that still holds numbers inside it.
    private static final int WORDS = SIZE / 64 + 1;

    private final long[] bitmap = new long[WORDS];
    private long highest = -1;

    /** Records {@code sequence} and returns true if it is new; returns false for a replay. */
    public boolean accept(long sequence) {
        if (!check(sequence)) {
            return false;
        }
        mark(sequence);
        return true;
    }

    /** True if {@code sequence} would be accepted, without recording it. */
    public boolean check(long sequence) {
        if (sequence < 0) {
            return false; // unsigned values above 2^63 are not used by conforming senders
        }
        if (highest < 0 || sequence > highest) {
            return true;
        }
        if (highest - sequence >= SIZE) {
            return false;
        }
        return (bitmap[wordIndex(sequence)] & bit(sequence)) == 0;
    }

    private void mark(long sequence) {
        if (highest < 0) {
            highest = sequence;
        } else if (sequence > highest) {
            long advance = sequence - highest;
            if (advance >= (long) WORDS * 64) {
                java.util.Arrays.fill(bitmap, 0L);
            } else {
                // clear the words the window slides over
                long fromWord = (highest / 64) + 1;
                long toWord = sequence / 64;
                for (long w = fromWord; w <= toWord && w - fromWord < WORDS; w++) {
                    bitmap[(int) (w % WORDS)] = 0L;
                }
            }
            highest = sequence;
        }
        bitmap[wordIndex(sequence)] |= bit(sequence);
    }

    public long highest() {
        return highest;
    }

    private static int wordIndex(long sequence) {
        return (int) ((sequence / 64) % WORDS);
    }

    private static long bit(long sequence) {
        return 1L << (sequence % 64);
    }
}
