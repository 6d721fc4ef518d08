package dev.cascade.agent.content;

import dev.cascade.agent.discovery.PieceBitmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * The durable record of which pieces of one content are on disk and verified: a file of
 * {@code ceil(pieceCount / 8)} bytes, piece {@code i} in bit {@code i % 8} of byte {@code i / 8} (the
 * wire's bitmap order, docs/protocol.md §15.2). Marking a piece writes its byte and forces the file, so
 * a mark survives a crash; the caller marks only after the piece's data was forced, so a crash never
 * leaves a mark without its data. Safe for many threads.
 */
final class VerifiedPieces implements AutoCloseable {

    private final Path file;
    private final int pieceCount;
    private final FileChannel channel;
    private final BitSet marked;

    private VerifiedPieces(Path file, int pieceCount, FileChannel channel, BitSet marked) {
        this.file = file;
        this.pieceCount = pieceCount;
        this.channel = channel;
        this.marked = marked;
    }

    /** Creates the file with no piece marked; it must not exist. */
    static VerifiedPieces create(Path file, int pieceCount) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.write(ByteBuffer.allocate(bytesFor(pieceCount)), 0);
            channel.force(true);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new VerifiedPieces(file, pieceCount, channel, new BitSet(pieceCount));
    }

    /** Opens the file a previous run left; refuses one of the wrong length or with a mark past the last piece. */
    static VerifiedPieces open(Path file, int pieceCount) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            int expected = bytesFor(pieceCount);
            if (channel.size() != expected) {
                throw new IOException(file + " has " + channel.size() + " bytes; " + pieceCount + " pieces need " + expected);
            }
            ByteBuffer bytes = ByteBuffer.allocate(expected);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
                // positional reads until full
            }
            BitSet marked = BitSet.valueOf(bytes.array());
            if (marked.length() > pieceCount) {
                throw new IOException(file + " marks piece " + (marked.length() - 1) + " of a content of " + pieceCount
                        + " pieces");
            }
            return new VerifiedPieces(file, pieceCount, channel, marked);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static int bytesFor(int pieceCount) {
        return (pieceCount + 7) / 8;
    }

    boolean isMarked(int piece) {
        synchronized (marked) {
            return marked.get(piece);
        }
    }

    /** Marks {@code piece} durably: when this returns, the mark is on disk. */
    void mark(int piece) throws IOException {
        update(piece, true);
    }

    /** Unmarks {@code piece} durably (its data was found corrupt or will be overwritten). */
    void unmark(int piece) throws IOException {
        update(piece, false);
    }

    /** Unmarks every piece at once (the content is dropped). */
    void unmarkAll() throws IOException {
        synchronized (marked) {
            marked.clear();
            channel.write(ByteBuffer.allocate(bytesFor(pieceCount)), 0);
        }
        channel.force(false);
    }

    private void update(int piece, boolean held) throws IOException {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException("piece " + piece + " is outside 0.." + (pieceCount - 1));
        }
        synchronized (marked) {
            marked.set(piece, held);
            // The byte written is the in-memory state of its 8 pieces under the lock, so writers of
            // neighbouring pieces never overwrite each other's marks, whatever order they force in.
            int first = piece / 8 * 8;
            int value = 0;
            for (int bit = 0; bit < 8; bit++) {
                value |= marked.get(first + bit) ? 1 << bit : 0;
            }
            channel.write(ByteBuffer.wrap(new byte[] {(byte) value}), piece / 8);
        }
        // Forced outside the lock: force flushes every write made before it, ours included.
        channel.force(false);
    }

    int markedCount() {
        synchronized (marked) {
            return marked.cardinality();
        }
    }

    /** The marked pieces now, as discovery and inventory reports carry them. */
    PieceBitmap snapshot() {
        synchronized (marked) {
            return PieceBitmap.fromWire(pieceCount, marked.toByteArray());
        }
    }

    /** A copy of the marks now. */
    BitSet marks() {
        synchronized (marked) {
            return (BitSet) marked.clone();
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
