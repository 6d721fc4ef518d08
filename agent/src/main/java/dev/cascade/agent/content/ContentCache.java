package dev.cascade.agent.content;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.agent.discovery.PieceInventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The agent's cache folder: one {@link PieceStore} per content, in a directory named by the SHA-256 of
 * the content id (any id, on any file system, case-insensitive ones included). Opening the folder
 * after a restart keeps every content and its verified pieces; a directory that cannot be read (a
 * crash while one was laid out, a damaged manifest) is removed and listed in {@link #discarded()}, as
 * it is only a cache. Starting a content that would not fit is refused; completed contents no longer
 * deployed can be evicted, least recently used first.
 *
 * <p>It is the {@link PieceInventory} discovery answers from: what it reports held is what is on disk
 * and verified.
 */
public final class ContentCache implements PieceInventory, AutoCloseable {

    private static final String LAYING_SUFFIX = ".laying";

    private final Path dir;
    private final StorageFacts storage;
    private final LongSupplier clock;
    private final Map<String, PieceStore> contents = new ConcurrentHashMap<>();
    private final List<String> discarded = new ArrayList<>();

    private ContentCache(Path dir, StorageFacts storage, LongSupplier clock) {
        this.dir = dir;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Opens (creating it if needed) the cache in {@code dir}, whose room {@code storage} measures.
     *
     * @param clock milliseconds for "last used" (System::currentTimeMillis outside tests)
     */
    public static ContentCache open(Path dir, StorageFacts storage, LongSupplier clock) {
        ContentCache cache = new ContentCache(dir, storage, clock);
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    cache.load(entry);
                }
            }
        } catch (IOException e) {
            cache.close();
            throw new UncheckedIOException("cannot open the content cache " + dir + ": " + e.getMessage(), e);
        }
        return cache;
    }

    private void load(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return;
        }
        if (entry.getFileName().toString().endsWith(LAYING_SUFFIX)) {
            deleteTree(entry); // a content being laid out when the agent stopped: never started, nothing to keep
            return;
        }
        try {
            PieceStore store = PieceStore.open(entry, clock);
            if (!entry.getFileName().toString().equals(dirName(store.contentId()))) {
                store.close();
                throw new IOException(entry + " holds content '" + store.contentId() + "', whose directory is "
                        + dirName(store.contentId()));
            }
            contents.put(store.contentId(), store);
        } catch (IOException | RuntimeException e) {
            discarded.add(entry.getFileName() + ": " + e.getMessage());
            deleteTree(entry);
        }
    }

    /**
     * The store of {@code manifest}'s content: the one already in the cache (its verified pieces kept), or
     * a new one when it fits.
     *
     * @throws CacheFullException       when a new content does not fit
     * @throws IllegalArgumentException when the cache holds this content id with another manifest (content
     *                                  ids are immutable blobs: a changed package is a new id)
     */
    public synchronized PieceStore start(ContentManifest manifest) {
        PieceStore existing = contents.get(manifest.contentId());
        if (existing != null) {
            if (!existing.manifest().equals(manifest)) {
                throw new IllegalArgumentException("the cache holds content '" + manifest.contentId() + "' with SHA-256 "
                        + Sha256.hex(existing.manifest().sha256()) + ", " + existing.manifest().sizeBytes()
                        + " bytes; the new manifest says SHA-256 " + Sha256.hex(manifest.sha256()) + ", "
                        + manifest.sizeBytes() + " bytes: evict it first if the catalog really changed it");
            }
            return existing;
        }
        checkRoom(manifest);
        Path target = dir.resolve(dirName(manifest.contentId()));
        Path laying = dir.resolve(dirName(manifest.contentId()) + LAYING_SUFFIX);
        try {
            deleteTree(laying);
            Files.createDirectories(laying);
            PieceStore.lay(laying, manifest);
            Files.move(laying, target, StandardCopyOption.ATOMIC_MOVE); // whole or not at all
            PieceStore store = PieceStore.open(target, clock);
            contents.put(manifest.contentId(), store);
            return store;
        } catch (IOException e) {
            try {
                deleteTree(laying);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("cannot start content '" + manifest.contentId() + "' in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private void checkRoom(ContentManifest manifest) {
        StorageFacts.Snapshot room = storage.measure();
        // Data files are sparse: the bytes started contents have yet to receive are counted as used by
        // the cache but are not taken from the volume yet, so they also come off the free space.
        long pending = 0;
        for (PieceStore store : contents.values()) {
            pending += store.manifest().sizeBytes() - store.heldBytes();
        }
        long byLimit = room.usableBytes() - room.usedByCacheBytes();
        long byVolume = room.freeBytes() - pending;
        long available = Math.max(0, Math.min(byLimit, byVolume));
        if (manifest.sizeBytes() > available) {
            throw new CacheFullException(manifest.contentId(), manifest.sizeBytes(), available,
                    "usable " + room.usableBytes() + ", used by the cache " + room.usedByCacheBytes() + ", free on the volume "
                            + room.freeBytes() + " of which " + pending + " are promised to contents being fetched");
        }
    }

    /** The store of a content in the cache. */
    public Optional<PieceStore> find(String contentId) {
        return Optional.ofNullable(contents.get(contentId));
    }

    /** Every content in the cache. */
    public Collection<PieceStore> contents() {
        return List.copyOf(contents.values());
    }

    /** Removes a content and its files; false when the cache does not hold it. Its store must no longer be used. */
    public synchronized boolean evict(String contentId) {
        PieceStore store = contents.remove(contentId);
        if (store == null) {
            return false;
        }
        try {
            store.close();
            deleteTree(store.dir());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove content '" + contentId + "' from " + store.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Evicts completed contents not in {@code keep} (those still deployed to this device), least recently
     * used first, until at least {@code bytes} were freed or none is left to evict.
     *
     * @return the evicted content ids, in the order evicted
     */
    public synchronized List<String> evictLeastRecentlyUsed(long bytes, Set<String> keep) {
        List<PieceStore> candidates = contents.values().stream()
                .filter(store -> store.complete() && !keep.contains(store.contentId()))
                .sorted(Comparator.comparingLong(PieceStore::lastUsed).thenComparing(PieceStore::contentId))
                .toList();
        List<String> evicted = new ArrayList<>();
        long freed = 0;
        for (PieceStore store : candidates) {
            if (freed >= bytes) {
                break;
            }
            evict(store.contentId());
            evicted.add(store.contentId());
            freed += store.manifest().sizeBytes();
        }
        return evicted;
    }

    @Override
    public Optional<PieceBitmap> held(String contentId) {
        PieceStore store = contents.get(contentId);
        if (store == null) {
            return Optional.empty();
        }
        PieceBitmap held = store.held();
        return held.heldCount() == 0 ? Optional.empty() : Optional.of(held);
    }

    /** The directories removed when the cache was opened, each with the reason. */
    public List<String> discarded() {
        return List.copyOf(discarded);
    }

    /** The directory of a content: the SHA-256 of its id in hexadecimal. */
    static String dirName(String contentId) {
        byte[] id = contentId.getBytes(StandardCharsets.UTF_8);
        return Sha256.hex(Sha256.of(id, 0, id.length));
    }

    @Override
    public synchronized void close() {
        List<IOException> failures = new ArrayList<>();
        for (PieceStore store : contents.values()) {
            try {
                store.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        contents.clear();
        if (!failures.isEmpty()) {
            UncheckedIOException failure = new UncheckedIOException("cannot close the content cache " + dir,
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
