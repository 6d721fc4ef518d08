package dev.cascade.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * Re-reads the key file when it changes (modification time, size or inode) and swaps the whole
 * {@link KeyRing} at once: key rotation without a restart. A file that fails to load leaves the
 * previous keys in force; it is retried when it changes again.
 */
public final class KeyFileWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyFileWatcher.class);

    private final Path file;
    private final KeyRing ring;
    private final Consumer<Boolean> outcomes;
    private Stamp lastSeen;
    private ScheduledExecutorService timer;

    /** {@code outcomes} hears true for each reload that took effect, false for each that failed. */
    public KeyFileWatcher(Path file, KeyRing ring, Consumer<Boolean> outcomes) {
        this.file = file;
        this.ring = ring;
        this.outcomes = outcomes;
    }

    /** Loads the file into the ring now; throws naming the file if it is unusable (startup must fail). */
    public synchronized void loadInitial() {
        Stamp stamp = stampOrNull();
        ring.replaceAll(KeySource.fromFile(file));
        lastSeen = stamp;
    }

    /** Reloads if the file changed since it was last read. Returns true if new keys took effect. */
    public synchronized boolean reloadIfChanged() {
        Stamp stamp = stampOrNull();
        if (stamp == null || stamp.equals(lastSeen)) {
            return false;
        }
        lastSeen = stamp; // a broken file is reported once, not on every check
        try {
            List<WireKey> keys = KeySource.fromFile(file);
            ring.replaceAll(keys);
            LOG.infof("reloaded %s: keys %s", file, keys.stream()
                    .map(k -> k.id() + "/" + k.purpose() + (k.notAfter() == null ? "" : " until " + k.notAfter()))
                    .collect(Collectors.joining(", ")));
            outcomes.accept(true);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("key file changed but cannot be used, keeping the previous keys: %s", e.getMessage());
            outcomes.accept(false);
            return false;
        }
    }

    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-key-file-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("key file check failed", e); // a scheduled task that throws is never run again
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private Stamp stampOrNull() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return null; // missing for a moment during a non-atomic replace: look again next time
        }
    }

    private record Stamp(FileTime modified, long size, Object fileKey) {
    }
}
