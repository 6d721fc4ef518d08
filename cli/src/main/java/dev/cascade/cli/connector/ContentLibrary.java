package dev.cascade.cli.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The content library (the file store the seed peer serves from): a directory holding each published content as a
 * file named by its content id. A content is placed whole or not at all (written to a temporary file in the library,
 * synced, then moved into place), and an id once placed is never overwritten with other bytes: peers verify pieces
 * against the hashes published for that id.
 */
final class ContentLibrary {

    /** Content ids double as file names here: letters, digits and {@code . _ + -}, not starting with a dot. */
    static final Pattern FILE_SAFE_ID = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,255}");

    private final Path dir;

    ContentLibrary(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path pathOf(String contentId) {
        if (!FILE_SAFE_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException("content id '" + contentId + "' cannot name a file in the library: use 1-256"
                    + " letters, digits and . _ + - (not starting with a dot)");
        }
        return dir.resolve(contentId);
    }

    boolean holds(String contentId) {
        return Files.exists(pathOf(contentId));
    }

    /**
     * Copies {@code source} into the library as {@code contentId}, hashing it on the way (one read). When
     * {@code expected} is given, the copy must have that SHA-256 (the source must not have changed since it was hashed).
     */
    ContentDigest copyIn(Path source, String contentId, int pieceSize, ContentDigest expected, LongConsumer progress) {
        Path target = pathOf(contentId);
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + contentId, ".part");
            try {
                // temporary files are created owner-only; the seed peer serving the library may run as another user
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            ContentDigest digest;
            try (InputStream in = Files.newInputStream(source);
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                digest = ContentHasher.digest(in, pieceSize, Channels.newOutputStream(channel), progress);
                channel.force(true); // on disk before it has its name: a crash leaves a .part file, never a torn content
            }
            if (expected != null && !Arrays.equals(expected.sha256(), digest.sha256())) {
                throw new ConnectorException(source + " changed while it was being published (SHA-256 " + expected.sha256Hex()
                        + ", then " + digest.sha256Hex() + "); nothing was published");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            return digest;
        } catch (IOException | RuntimeException e) {
            discard(temp, e);
            if (e instanceof IOException) {
                throw new ConnectorException("cannot copy " + source + " into the library " + dir + ": " + e.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
    }

    /** The digest of the content already in the library under {@code contentId}. */
    ContentDigest digestOf(String contentId, int pieceSize, LongConsumer progress) {
        Path file = pathOf(contentId);
        try (InputStream in = Files.newInputStream(file)) {
            return ContentHasher.digest(in, pieceSize, null, progress);
        } catch (IOException e) {
            throw new ConnectorException("cannot read " + file + " in the library: " + e.getMessage(), e);
        }
    }

    /** Removes a partial copy; a failure to remove it is attached to the failure being reported. */
    private static void discard(Path temp, Exception failure) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
