package dev.cascade.agent.content;

import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.contracts.v1.AppMetadata;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One content in the cache: a data file sized to the content, written at piece offsets, and the
 * {@link VerifiedPieces} marks beside it. Every piece is verified against its SHA-256 before it is
 * written and again before it is served, so neither a bad sender nor a bad disk spreads corruption.
 * A piece is marked only after its data was forced to disk, and the marks survive a restart.
 *
 * <p>Many threads may write different pieces and read at once: the data file is written and read at
 * positions only, and the marks are synchronised. Do not interrupt a thread while it uses the store:
 * Java closes a file channel for every thread when one is interrupted during its I/O. A pending
 * interrupt is put aside while a call does its I/O and restored after it. Obtain one from
 * {@link ContentCache}.
 */
public final class PieceStore implements AutoCloseable {

    static final String MANIFEST_FILE = "manifest";
    static final String DATA_FILE = "data";
    static final String MARKS_FILE = "pieces";
    private static final int VERIFY_BUFFER = 1 << 20;

    private final Path dir;
    private final ContentManifest manifest;
    private final FileChannel data;
    private final VerifiedPieces verified;
    private final LongSupplier clock;
    private final AtomicLong lastUsed;

    private PieceStore(Path dir, ContentManifest manifest, FileChannel data, VerifiedPieces verified, LongSupplier clock,
                       long lastUsed) {
        this.dir = dir;
        this.manifest = manifest;
        this.data = data;
        this.verified = verified;
        this.clock = clock;
        this.lastUsed = new AtomicLong(lastUsed);
    }

    /** Lays out a new, empty content in {@code dir} (which exists and is empty): manifest, sparse data file, no marks. */
    static void lay(Path dir, ContentManifest manifest) throws IOException {
        try (FileChannel out = FileChannel.open(dir.resolve(MANIFEST_FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(manifest.toAppMetadata().toByteArray()));
            out.force(true);
        }
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(DATA_FILE).toFile(), "rw")) {
            file.setLength(manifest.sizeBytes()); // sparse where the file system allows: pieces fill it in any order
        }
        VerifiedPieces.create(dir.resolve(MARKS_FILE), manifest.pieceCount()).close();
    }

    /** Opens a content laid out by {@link #lay} (perhaps by a previous run), keeping its marked pieces. */
    static PieceStore open(Path dir, LongSupplier clock) throws IOException {
        ContentManifest manifest;
        try {
            manifest = ContentManifest.from(AppMetadata.parseFrom(Files.readAllBytes(dir.resolve(MANIFEST_FILE))));
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(MANIFEST_FILE) + " is not a valid manifest: " + e.getMessage(), e);
        }
        Path dataFile = dir.resolve(DATA_FILE);
        if (Files.size(dataFile) != manifest.sizeBytes()) {
            throw new IOException(dataFile + " has " + Files.size(dataFile) + " bytes; " + manifest + " needs "
                    + manifest.sizeBytes());
        }
        FileChannel data = FileChannel.open(dataFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            VerifiedPieces verified = VerifiedPieces.open(dir.resolve(MARKS_FILE), manifest.pieceCount());
            long lastUsed = Files.getLastModifiedTime(dataFile).toMillis();
            return new PieceStore(dir, manifest, data, verified, clock, lastUsed);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    public ContentManifest manifest() {
        return manifest;
    }

    public String contentId() {
        return manifest.contentId();
    }

    /** The data file: the content itself once {@link #complete()} and {@link #verifyWhole()} say so. */
    public Path dataFile() {
        return dir.resolve(DATA_FILE);
    }

    /**
     * Stores piece {@code index} if {@code bytes} are exactly the piece the manifest describes: verifies
     * first, writes, forces the data to disk, then marks the piece durably.
     *
     * @return true when stored; false when the piece was already held (nothing is written over it)
     * @throws BadPieceException when the bytes are not the piece (nothing is written)
     */
    public boolean write(int index, byte[] bytes) {
        boolean interrupted = Thread.interrupted();
        try {
            return writeVerified(index, bytes);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean writeVerified(int index, byte[] bytes) {
        int length = manifest.pieceLength(index);
        if (verified.isMarked(index)) {
            return false;
        }
        byte[] actual = Sha256.of(bytes, 0, bytes.length);
        if (bytes.length != length || !manifest.pieceHashIs(index, actual)) {
            throw new BadPieceException(contentId(), index, manifest.pieceHash(index), actual,
                    bytes.length == length ? "as received" : "as received (" + bytes.length + " bytes; the piece has "
                            + length + ")");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = manifest.pieceOffset(index);
            while (buffer.hasRemaining()) {
                position += data.write(buffer, position);
            }
            data.force(false); // the data is on disk before the mark that says so
            verified.mark(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store piece " + index + " of content '" + contentId() + "' in "
                    + dataFile() + ": " + e.getMessage(), e);
        }
        lastUsed.set(clock.getAsLong());
        return true;
    }

    /**
     * Piece {@code index} for serving, verified now; empty when it is not held. A marked piece is
     * verified on every read (after a restart that is its first check since the disk held it).
     *
     * @throws BadPieceException when the bytes on disk are not the piece: it was unmarked and must be fetched again
     */
    public Optional<byte[]> read(int index) {
        boolean interrupted = Thread.interrupted();
        try {
            return readVerified(index);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<byte[]> readVerified(int index) {
        int length = manifest.pieceLength(index);
        if (!verified.isMarked(index)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[length];
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = manifest.pieceOffset(index);
            while (buffer.hasRemaining()) {
                int read = data.read(buffer, position);
                if (read < 0) {
                    break; // the file was cut short: the hash check below fails
                }
                position += read;
            }
            byte[] actual = Sha256.of(bytes, 0, length);
            if (!manifest.pieceHashIs(index, actual)) {
                verified.unmark(index);
                throw new BadPieceException(contentId(), index, manifest.pieceHash(index), actual,
                        "on disk in " + dataFile() + " (now unmarked, to be fetched again)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read piece " + index + " of content '" + contentId() + "' from "
                    + dataFile() + ": " + e.getMessage(), e);
        }
        lastUsed.set(clock.getAsLong());
        return Optional.of(bytes);
    }

    public boolean isHeld(int index) {
        return verified.isMarked(index);
    }

    /** The pieces held now. */
    public PieceBitmap held() {
        return verified.snapshot();
    }

    /** The pieces not held now, in order. */
    public BitSet missing() {
        BitSet missing = verified.marks();
        missing.flip(0, manifest.pieceCount());
        return missing;
    }

    /** The bytes of the pieces held now. */
    public long heldBytes() {
        BitSet marks = verified.marks();
        long bytes = 0;
        for (int i = marks.nextSetBit(0); i >= 0; i = marks.nextSetBit(i + 1)) {
            bytes += manifest.pieceLength(i);
        }
        return bytes;
    }

    /** Whether every piece is held. */
    public boolean complete() {
        return verified.markedCount() == manifest.pieceCount();
    }

    /**
     * Reads the whole data file once and checks it against the manifest's SHA-256 and every piece's.
     * On a mismatch every piece that fails its own check is unmarked (to be fetched again).
     *
     * @throws IllegalStateException when the content is not complete
     */
    public WholeCheck verifyWhole() {
        if (!complete()) {
            throw new IllegalStateException("content '" + contentId() + "' holds " + verified.markedCount() + " of "
                    + manifest.pieceCount() + " pieces: verify the whole when it is complete");
        }
        MessageDigest whole = Sha256.digest();
        MessageDigest piece = Sha256.digest();
        List<Integer> bad = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(VERIFY_BUFFER);
        try {
            for (int index = 0; index < manifest.pieceCount(); index++) {
                long position = manifest.pieceOffset(index);
                long end = position + manifest.pieceLength(index);
                while (position < end) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                    int read = data.read(buffer, position);
                    if (read < 0) {
                        break;
                    }
                    whole.update(buffer.array(), 0, read);
                    piece.update(buffer.array(), 0, read);
                    position += read;
                }
                if (!manifest.pieceHashIs(index, piece.digest())) {
                    bad.add(index);
                }
            }
            byte[] actual = whole.digest();
            boolean matches = Arrays.equals(actual, manifest.sha256());
            if (!matches) {
                for (int index : bad) {
                    verified.unmark(index);
                }
            }
            return new WholeCheck(contentId(), matches, Sha256.hex(actual), Sha256.hex(manifest.sha256()), List.copyOf(bad));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot verify " + dataFile() + " of content '" + contentId() + "': "
                    + e.getMessage(), e);
        }
    }

    /** When a piece of this content was last written or read (the cache's clock), for LRU eviction. */
    long lastUsed() {
        return lastUsed.get();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (data; verified) {
            // both closed, the second even when the first fails
        }
    }

    /**
     * The outcome of {@link #verifyWhole()}.
     *
     * @param matches        whether the data file's SHA-256 is the manifest's
     * @param unmarkedPieces the pieces that failed their own check and were unmarked (only when it does not match);
     *                       empty with {@code matches} false means the manifest's piece hashes and whole hash disagree
     */
    public record WholeCheck(String contentId, boolean matches, String actualSha256, String expectedSha256,
                             List<Integer> unmarkedPieces) {
    }
}
