package dev.cascade.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.cascade.wire.KeyRing;

/**
 * The keys the gateway verifies with: one {@link KeyRing} shared by every verifying thread, from exactly
 * one source: the key file (kept in step by {@link KeyFileWatcher}), the key properties (fixed), or
 * activation-service's key ring (kept in step by {@link KeyRingPoller}).
 */
public final class GatewayKeys implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayKeys.class);

    private final KeyRing ring;
    private final String source;
    private final KeyFileWatcher watcher;
    private final KeyRingPoller poller;
    private final AutoCloseable connection;

    private GatewayKeys(KeyRing ring, String source, KeyFileWatcher watcher, KeyRingPoller poller,
                        AutoCloseable connection) {
        this.ring = ring;
        this.source = source;
        this.watcher = watcher;
        this.poller = poller;
        this.connection = connection;
    }

    /** Keys from a key file, loaded now; throws naming the file if it is unusable (startup must fail). */
    public static GatewayKeys fromFile(Path file, Consumer<Boolean> reloadOutcomes) {
        KeyRing ring = new KeyRing(List.of());
        KeyFileWatcher watcher = new KeyFileWatcher(file, ring, reloadOutcomes);
        watcher.loadInitial();
        return new GatewayKeys(ring, file.toString(), watcher, null, null);
    }

    /** Keys from {@code cascade.keys.fleet} / {@code cascade.keys.connector}; throws naming the property. */
    public static GatewayKeys fromProperties(Optional<String> fleet, Optional<String> connector) {
        return new GatewayKeys(new KeyRing(KeySource.fromProperties(fleet, connector)), "properties", null, null, null);
    }

    /**
     * Keys from a key ring that {@code poller} fills (empty until its first ring: see {@link #start}); {@code connection}
     * is closed with this.
     */
    public static GatewayKeys polled(KeyRing ring, KeyRingPoller poller, AutoCloseable connection) {
        return new GatewayKeys(ring, poller.describe(), null, poller, connection);
    }

    public KeyRing ring() {
        return ring;
    }

    /** The key file being followed, if keys come from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(watcher).map(KeyFileWatcher::file);
    }

    /** The key file path, {@code properties}, or {@code activation-service at host:port}. */
    public String source() {
        return source;
    }

    /** False only while keys from activation-service have not arrived yet: the gateway verifies nothing then. */
    public boolean loaded() {
        return poller == null || poller.loaded();
    }

    /** The polled ring's revision, when keys come from activation-service and have arrived. */
    public Optional<Long> revision() {
        return poller != null && poller.loaded() ? Optional.of(poller.revision()) : Optional.empty();
    }

    /** Why polled keys are not (or no longer) current: activation-service did not answer, or sent a refused ring. */
    public Optional<String> problem() {
        return poller == null ? Optional.empty() : poller.problem();
    }

    /**
     * Starts following the source. For activation-service: waits up to {@code startupWait} for the first ring (so
     * that the gateway normally starts ready), then goes on polling every {@code pollInterval}, with or without keys.
     */
    public void start(Duration fileCheckInterval, Duration pollInterval, Duration startupWait) {
        if (watcher != null) {
            watcher.start(fileCheckInterval);
        }
        if (poller != null) {
            Duration retry = pollInterval.compareTo(Duration.ofSeconds(1)) < 0 ? pollInterval : Duration.ofSeconds(1);
            if (!poller.awaitFirstRing(startupWait, retry)) {
                LOG.warnf("no key ring from %s within %s (%s): not ready, every datagram is dropped as unknown_key"
                                + " until a ring arrives; polling every %s", poller.describe(), startupWait,
                        poller.problem().orElse("no answer"), pollInterval);
            }
            poller.start(pollInterval);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (poller != null) {
            poller.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception e) {
                LOG.warnf("closing the connection to %s failed: %s", source, e.getMessage());
            }
        }
    }
}
