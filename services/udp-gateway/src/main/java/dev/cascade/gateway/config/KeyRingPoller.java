package dev.cascade.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * Keeps the gateway's {@link KeyRing} in step with activation-service's key ring: asks for it every poll
 * interval and, when its revision changed, swaps the whole ring at once (a rotation reaches every
 * verifying thread without a restart). A ring that fails {@link WireKeyRingReader}'s checks is refused
 * and the previous keys stay; so do they while activation-service does not answer.
 */
public final class KeyRingPoller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyRingPoller.class);

    private final KeyRingFetcher fetcher;
    private final KeyRing ring;
    private final Consumer<Boolean> reloadOutcomes;
    private final Runnable fetchFailures;
    private volatile boolean loaded;
    private volatile long revision;
    private volatile String problem;
    private Long refusedRevision;
    private ScheduledExecutorService timer;

    /**
     * {@code reloadOutcomes} hears true for each changed ring that took effect after the first, false once for each
     * refused revision; {@code fetchFailures} runs for every poll activation-service did not answer.
     */
    public KeyRingPoller(KeyRingFetcher fetcher, KeyRing ring, Consumer<Boolean> reloadOutcomes, Runnable fetchFailures) {
        this.fetcher = fetcher;
        this.ring = ring;
        this.reloadOutcomes = reloadOutcomes;
        this.fetchFailures = fetchFailures;
    }

    /** Asks once. Returns true if a new ring took effect. */
    public synchronized boolean pollOnce() {
        WireKeyRing fetched;
        try {
            fetched = fetcher.fetch();
        } catch (RuntimeException e) {
            fetchFailures.run();
            noteProblem(fetcher.describe() + " did not answer GetKeyRing: " + e.getMessage());
            return false;
        }
        long fetchedRevision = fetched.getRevision();
        if (loaded && fetchedRevision == revision) {
            problem = null;
            return false;
        }
        List<WireKey> keys;
        try {
            keys = WireKeyRingReader.read(fetched, fetcher.describe());
        } catch (IllegalArgumentException e) {
            if (refusedRevision == null || refusedRevision != fetchedRevision) {
                refusedRevision = fetchedRevision; // a bad ring is reported once, not on every poll
                reloadOutcomes.accept(false);
                LOG.errorf("key ring refused, keeping the previous keys: %s", e.getMessage());
            }
            problem = e.getMessage();
            return false;
        }
        ring.replaceAll(keys);
        boolean first = !loaded;
        revision = fetchedRevision;
        loaded = true;
        problem = null;
        refusedRevision = null;
        if (!first) {
            reloadOutcomes.accept(true);
        }
        LOG.infof("key ring revision %s from %s: keys %s", Long.toUnsignedString(fetchedRevision), fetcher.describe(),
                keys.stream().map(k -> k.id() + "/" + k.purpose() + (k.notAfter() == null ? "" : " until " + k.notAfter()))
                        .collect(Collectors.joining(", ")));
        return true;
    }

    /**
     * Polls until the first ring is loaded or {@code wait} has passed, trying again every {@code retry}.
     * Returns whether keys are loaded.
     */
    public boolean awaitFirstRing(Duration wait, Duration retry) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!pollOnce() && !loaded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(retry.toMillis(), TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return loaded;
            }
        }
        return true;
    }

    /** Polls every {@code interval} from now on. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-key-ring-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.error("key ring poll failed", e); // a scheduled task that throws is never run again
        }
    }

    /** Whether a ring has been loaded: until then the gateway verifies nothing and is not ready. */
    public boolean loaded() {
        return loaded;
    }

    /** The revision of the ring in force (meaningful once {@link #loaded()}). */
    public long revision() {
        return revision;
    }

    /** Why the last poll changed nothing when it should have: no answer, or a refused ring. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public String describe() {
        return fetcher.describe();
    }

    private void noteProblem(String text) {
        if (!text.equals(problem)) {
            LOG.warnf("%s; keeping the %s", text, loaded ? "previous keys" : "gateway not ready (no keys yet)");
        }
        problem = text;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
