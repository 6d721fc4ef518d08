package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/**
 * The two storage figures of REGISTER (seed 001's first and sixth download-order criteria):
 * free bytes on the cache's volume now, and the bytes the cache may use at most, which is the
 * configured limit bounded by what the volume could give it (free space plus what the cache
 * already holds). Measured afresh for every registration.
 */
public final class StorageFacts {

    /** How much space a volume has left for this process; the file store's usable space by default. */
    @FunctionalInterface
    public interface FreeSpace {
        long of(Path dir) throws IOException;
    }

    public record Snapshot(long freeBytes, long usableBytes, long usedByCacheBytes) {
    }

    private final Path cacheDir;
    private final OptionalLong limit;
    private final FreeSpace freeSpace;

    public StorageFacts(Path cacheDir, OptionalLong limit) {
        this(cacheDir, limit, dir -> Files.getFileStore(dir).getUsableSpace());
    }

    public StorageFacts(Path cacheDir, OptionalLong limit, FreeSpace freeSpace) {
        this.cacheDir = cacheDir;
        this.limit = limit;
        this.freeSpace = freeSpace;
    }

    /** Measures now; creates the cache directory when it does not exist yet. */
    public Snapshot measure() {
        try {
            Files.createDirectories(cacheDir);
            long free = freeSpace.of(cacheDir);
            long used = usedByCache();
            long available = saturatedAdd(free, used);
            long usable = limit.isPresent() ? Math.min(limit.getAsLong(), available) : available;
            return new Snapshot(free, usable, used);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the cache directory " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private long usedByCache() throws IOException {
        long[] total = {0};
        Files.walkFileTree(cacheDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] = saturatedAdd(total[0], attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a piece deleted while we count is simply not counted
            }
        });
        return total[0];
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
