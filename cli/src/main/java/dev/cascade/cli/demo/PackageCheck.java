package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.PieceStore;

/**
 * Whether an agent holds the package: its cache (the agent stopped) has the content complete, and the data file's
 * SHA-256 is the one of the file the demo generated — checked here, independently of the agent's own verification.
 */
final class PackageCheck {

    private final String contentId;
    private final String expectedSha256;

    PackageCheck(String contentId, String expectedSha256) {
        this.contentId = contentId;
        this.expectedSha256 = expectedSha256;
    }

    /** Empty when the agent whose cache is {@code cacheDir} holds the package; otherwise what is wrong. */
    Optional<String> problem(Path cacheDir) {
        if (!Files.isDirectory(cacheDir)) {
            return Optional.of("no cache at " + cacheDir);
        }
        try (ContentCache cache = ContentCache.open(cacheDir, new StorageFacts(cacheDir, OptionalLong.empty()),
                System::currentTimeMillis)) {
            Optional<PieceStore> store = cache.find(contentId);
            if (store.isEmpty()) {
                return Optional.of("does not hold content " + contentId);
            }
            if (!store.get().complete()) {
                return Optional.of("holds " + store.get().held().heldCount() + " of " + store.get().manifest().pieceCount()
                        + " pieces");
            }
            String actual = sha256(store.get().dataFile());
            return actual.equals(expectedSha256) ? Optional.empty()
                    : Optional.of("SHA-256 " + actual + " instead of " + expectedSha256);
        } catch (RuntimeException | IOException e) {
            return Optional.of("cannot read its cache " + cacheDir + ": " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
