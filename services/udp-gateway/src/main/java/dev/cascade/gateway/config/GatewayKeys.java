package dev.cascade.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.cascade.wire.KeyRing;

/**
 * The keys the gateway verifies with: one {@link KeyRing} shared by every verifying thread,
 * loaded from the key file (and kept in step with it) or from the key properties.
 */
public final class GatewayKeys implements AutoCloseable {

    private final KeyRing ring;
    private final KeyFileWatcher watcher;

    private GatewayKeys(KeyRing ring, KeyFileWatcher watcher) {
        this.ring = ring;
        this.watcher = watcher;
    }

    /** Throws naming the property when no fleet key is configured or a key is malformed. */
    public static GatewayKeys load(Optional<Path> file, Optional<String> fleet, Optional<String> connector,
                                   Consumer<Boolean> reloadOutcomes) {
        if (file.isPresent()) {
            KeyRing ring = new KeyRing(List.of());
            KeyFileWatcher watcher = new KeyFileWatcher(file.get(), ring, reloadOutcomes);
            watcher.loadInitial();
            return new GatewayKeys(ring, watcher);
        }
        return new GatewayKeys(new KeyRing(KeySource.fromProperties(fleet, connector)), null);
    }

    public KeyRing ring() {
        return ring;
    }

    /** The key file being followed, if keys come from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(watcher).map(KeyFileWatcher::file);
    }

    public void startWatching(Duration interval) {
        if (watcher != null) {
            watcher.start(interval);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
