package dev.cascade.agent.keys;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * The agent's fleet keys (docs/protocol.md §16.4): the keys it was configured with ({@code --key-file},
 * {@code --fleet-key}) together with the keys the server delivered, which are kept in
 * {@code <state-dir>/fleet-keys.properties} (key-file format) so that a restarted agent keeps them. The agent
 * signs with the current key of the highest id, so a learned key wins over the installed one, and a newer key
 * file from the admin wins over both. One {@link KeyRing} is shared by every sender and receiver of the agent
 * and replaced as a whole when a key arrives, so the next datagram is tagged with the new key without a restart.
 */
public final class FleetKeyStore {

    /** The file under the state directory that holds the learned keys. */
    public static final String FILE_NAME = "fleet-keys.properties";

    /** What {@link #learn} did with a delivered key. */
    public enum Learned {
        /** Stored and signing from now on. */
        NEW,
        /** The agent already held this key: nothing changed. */
        ALREADY_HELD,
        /** Not above the key the agent signs with: key ids only grow, so this is an old message. Ignored. */
        NOT_NEWER,
        /** The agent holds another key under this id. Ignored: the one it holds is authentic too. */
        CONFLICT
    }

    private final Path file;
    private final Clock clock;
    private final KeyRing ring;
    private final List<String> warnings;

    private FleetKeyStore(Path file, Clock clock, KeyRing ring, List<String> warnings) {
        this.file = file;
        this.clock = clock;
        this.ring = ring;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The configured keys and the learned ones under {@code stateDir}. Throws {@link IllegalArgumentException}
     * naming the file when the learned keys cannot be read (a damaged file is the operator's to look at, never
     * silently replaced).
     */
    public static FleetKeyStore open(Collection<WireKey> configured, Path stateDir, Clock clock) {
        Path file = stateDir.resolve(FILE_NAME);
        List<WireKey> learned = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                KeyFile.read(file).stream().filter(k -> k.purpose() == KeyPurpose.FLEET).forEach(learned::add);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        List<String> warnings = new ArrayList<>();
        Map<Long, WireKey> byId = new TreeMap<>();
        Instant now = clock.instant();
        for (WireKey key : learned) {
            if (key.validAt(now)) {
                byId.put(key.id(), key);
            }
        }
        for (WireKey key : configured) {
            WireKey held = byId.get(key.id());
            if (!key.validAt(now)) {
                continue;
            }
            if (held == null) {
                byId.put(key.id(), key);
            } else if (!sameSecret(held, key)) {
                // the admin's word wins over what we stored: a re-installed agent is given the keys to use
                warnings.add("fleet key " + key.id() + " in " + file + " differs from the configured one; using the"
                        + " configured key");
                byId.put(key.id(), key);
            } else if (key.notAfter() != null && (held.notAfter() == null || key.notAfter().isBefore(held.notAfter()))) {
                byId.put(key.id(), key); // the same key: the earlier end of its grace period is the one the server keeps
            }
        }
        if (byId.values().stream().noneMatch(k -> k.notAfter() == null)) {
            throw new IllegalArgumentException("no current fleet key: every configured and learned key is retired"
                    + " (the grace period ended); install the current key file");
        }
        return new FleetKeyStore(file, clock, new KeyRing(byId.values()), warnings);
    }

    /** The keys every sender and receiver of the agent uses; replaced when a key is learned. */
    public KeyRing ring() {
        return ring;
    }

    /** The key datagrams are tagged with now: the current fleet key of the highest id. */
    public WireKey signingKey() {
        return ring.current(KeyPurpose.FLEET).orElseThrow();
    }

    /** Where learned keys are kept. */
    public Path file() {
        return file;
    }

    /** Lines for the operator about what {@link #open} found (a stored key the configuration overrode). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Keeps {@code key} as the current fleet key: every other key stays valid until {@code previousValidUntil}
     * at the latest (the server's grace period; a key retired earlier keeps its earlier end). The file is written
     * first and the ring replaced only then, so a key the agent signs with is always one it will still hold after
     * a restart. Throws {@link UncheckedIOException} when the file cannot be written; nothing changed then.
     */
    public synchronized Learned learn(WireKey key, Instant previousValidUntil) {
        if (key.purpose() != KeyPurpose.FLEET || key.notAfter() != null) {
            throw new IllegalArgumentException("only a current fleet key can be learned, not " + key);
        }
        WireKey held = ring.all().stream().filter(k -> k.id() == key.id()).findFirst().orElse(null);
        if (held != null) {
            return sameSecret(held, key) ? Learned.ALREADY_HELD : Learned.CONFLICT;
        }
        if (key.id() <= signingKey().id()) {
            return Learned.NOT_NEWER;
        }
        Instant now = clock.instant();
        List<WireKey> keys = new ArrayList<>();
        keys.add(key);
        for (WireKey other : ring.all()) {
            Instant until = other.notAfter() == null || other.notAfter().isAfter(previousValidUntil)
                    ? previousValidUntil : other.notAfter();
            if (until.isAfter(now)) {
                keys.add(other.retiredUntil(until));
            }
        }
        KeyFile.write(file, keys);
        ring.replaceAll(keys);
        return Learned.NEW;
    }

    private static boolean sameSecret(WireKey a, WireKey b) {
        return a.format().equals(b.format());
    }
}
