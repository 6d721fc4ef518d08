package dev.cascade.agent.content;

import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.agent.discovery.PieceInventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The central office's content library as the seed peer serves it ({@code --seed --library DIR}): a
 * directory of files named by content id, as {@code cascade connector publish} writes them. The
 * library only reads; every piece is verified against the manifest the catalog published for the
 * content before it is served, so a file changed or damaged after publishing is never passed on. A
 * piece found bad is no longer offered (discovery) until the library is opened again.
 */
public final class SeedLibrary implements PieceInventory {

    /** The connector's rule for content ids that name library files (cli {@code ContentLibrary.FILE_SAFE_ID}). */
    static final Pattern FILE_SAFE_ID = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,255}");

    private final Path dir;
    private final Map<String, ContentManifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, BitSet> badPieces = new ConcurrentHashMap<>();

    public SeedLibrary(Path dir) {
        this.dir = dir;
    }

    /**
     * Serves {@code manifest}'s content from its library file (from the DEPLOYMENT_NOTICE or the catalog).
     *
     * @throws IllegalArgumentException when the id cannot name a library file, or the file is missing or not the
     *                                  manifest's size
     */
    public void add(ContentManifest manifest) {
        Path file = fileOf(manifest.contentId());
        try {
            long size = Files.size(file);
            if (size != manifest.sizeBytes()) {
                throw new IllegalArgumentException("library file " + file + " has " + size + " bytes; content '"
                        + manifest.contentId() + "' was published with " + manifest.sizeBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("content '" + manifest.contentId() + "' is not in the library: no file "
                    + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read library file " + file + ": " + e.getMessage(), e);
        }
        manifests.put(manifest.contentId(), manifest);
        badPieces.remove(manifest.contentId());
    }

    /**
     * Piece {@code index} of a content added to the library, verified; empty when the content was not added.
     *
     * @throws BadPieceException when the file's bytes are not the published piece (the file was tampered with or
     *                           damaged); the piece is no longer offered
     */
    public Optional<byte[]> read(String contentId, int index) {
        ContentManifest manifest = manifests.get(contentId);
        if (manifest == null) {
            return Optional.empty();
        }
        int length = manifest.pieceLength(index);
        Path file = fileOf(contentId);
        byte[] bytes = new byte[length];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = manifest.pieceOffset(index);
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // positional reads until the piece is read or the file ends (then the hash check fails)
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read piece " + index + " of content '" + contentId + "' from " + file
                    + ": " + e.getMessage(), e);
        }
        byte[] actual = Sha256.of(bytes, 0, length);
        if (!manifest.pieceHashIs(index, actual)) {
            badPieces.compute(contentId, (id, bad) -> { // copied, never changed in place: readers see whole sets
                BitSet more = bad == null ? new BitSet() : (BitSet) bad.clone();
                more.set(index);
                return more;
            });
            throw new BadPieceException(contentId, index, manifest.pieceHash(index), actual,
                    "in library file " + file + " (changed since it was published; no longer served)");
        }
        return Optional.of(bytes);
    }

    /** The ids of the contents added, in no particular order. */
    public java.util.Set<String> contentIds() {
        return java.util.Set.copyOf(manifests.keySet());
    }

    /** Every piece of an added content but those found bad. */
    @Override
    public Optional<PieceBitmap> held(String contentId) {
        ContentManifest manifest = manifests.get(contentId);
        if (manifest == null) {
            return Optional.empty();
        }
        BitSet held = new BitSet();
        held.set(0, manifest.pieceCount());
        BitSet bad = badPieces.get(contentId);
        if (bad != null) {
            held.andNot(bad);
        }
        return held.isEmpty() ? Optional.empty() : Optional.of(PieceBitmap.fromWire(manifest.pieceCount(), held.toByteArray()));
    }

    private Path fileOf(String contentId) {
        if (!FILE_SAFE_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException("content id '" + contentId + "' cannot name a file in the library " + dir
                    + ": the connector publishes only ids of 1-256 letters, digits and . _ + - (not starting with a dot)");
        }
        return dir.resolve(contentId);
    }
}
