package dev.cascade.activation.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.activation.entity.KeyRingEntity;
import dev.cascade.activation.entity.WireKeyEntity;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one place wire keys are made (protocol.md §16): the installation keys on first start,
 * rotations with a grace period, dropping keys whose grace ended. Every change locks the key_ring row,
 * bumps its revision and, once committed, rewrites the key file.
 */
@ApplicationScoped
public class KeyAuthority {

    private static final Logger LOG = Logger.getLogger(KeyAuthority.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ActivationConfig config;

    @Inject
    Clock clock;

    @Inject
    KeyFileWriter keyFile;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A rotation: the new current key, and the key it replaced with the end of its grace period. */
    public record Rotation(StoredKey created, Optional<StoredKey> retired) {
    }

    /** The ring at one revision. */
    public record Ring(long revision, List<StoredKey> keys) {

        public Optional<StoredKey> current(KeyPurpose family) {
            return keys.stream().filter(k -> k.family() == family && k.current()).max(Comparator.comparingLong(StoredKey::id));
        }
    }

    /**
     * With no keys in the database: imports the installation keys from the key file if it exists
     * (ids kept, so new ids come after them), else generates one key of each family. Then writes the
     * key file (at start it is written whatever its revision).
     */
    @Transactional
    public Ring initialize() {
        KeyRingEntity ring = KeyRingEntity.locked();
        if (WireKeyEntity.count() == 0) {
            Instant now = Instant.now(clock);
            Optional<Path> file = config.keyFile().filter(Files::exists);
            if (file.isPresent()) {
                List<WireKey> installed = KeyFile.read(file.get());
                for (WireKey key : installed) {
                    if (key.validAt(now)) {
                        WireKeyEntity.of(StoredKey.of(key, now)).persist();
                        ring.lastKeyId = Math.max(ring.lastKeyId, key.id());
                    }
                }
                LOG.infof("imported the installation keys %s from %s", installed.stream().map(k -> k.id()).toList(), file.get());
            }
            for (KeyPurpose family : List.of(KeyPurpose.FLEET, KeyPurpose.CONNECTOR)) {
                if (currentEntity(family).isEmpty()) {
                    StoredKey key = newKey(ring, family, now);
                    WireKeyEntity.of(key).persist();
                    LOG.infof("generated %s key %d", key.familyName(), key.id());
                }
            }
            ring.revision++;
        }
        writeFileAfterCommit(ring);
        return snapshot(ring);
    }

    /**
     * Replaces the current key of {@code family} with a new one; the old one verifies until the end of
     * the grace period. In the caller's transaction: the key and whatever delivers it commit together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rotation rotate(KeyPurpose family) {
        KeyRingEntity ring = KeyRingEntity.locked();
        Instant now = Instant.now(clock);
        Optional<StoredKey> retired = currentEntity(family).map(row -> {
            row.retiredUntil = now.plus(config.keyGrace());
            return row.toKey();
        });
        StoredKey created = newKey(ring, family, now);
        WireKeyEntity.of(created).persist();
        ring.revision++;
        registry.counter("cascade_activation_key_rotations_total", "family", created.familyName()).increment();
        writeFileAfterCommit(ring);
        LOG.infof("rotated the %s key: %d is current%s", created.familyName(), created.id(),
                retired.map(r -> ", " + r.id() + " verifies until " + r.retiredUntil()).orElse(""));
        return new Rotation(created, retired);
    }

    /** Deletes the retired keys whose grace ended; returns how many. */
    @Transactional
    public int dropExpired() {
        Instant now = Instant.now(clock);
        if (WireKeyEntity.count("retiredUntil <= ?1", now) == 0) {
            return 0; // the common case takes no lock
        }
        KeyRingEntity ring = KeyRingEntity.locked();
        long dropped = WireKeyEntity.delete("retiredUntil <= ?1", now);
        if (dropped > 0) {
            ring.revision++;
            writeFileAfterCommit(ring);
            LOG.infof("dropped %d retired keys whose grace period ended", dropped);
        }
        return (int) dropped;
    }

    /** Writes the key file if another replica changed the ring since this one last wrote it. */
    @Transactional
    public void syncKeyFile() {
        Ring ring = ring();
        keyFile.write(ring.revision(), ring.keys());
    }

    @Transactional
    public Ring ring() {
        KeyRingEntity ring = KeyRingEntity.findById(KeyRingEntity.ROW);
        return snapshot(ring);
    }

    /** The key with this id while it verifies (current, or retired inside its grace period). */
    @Transactional
    public Optional<StoredKey> valid(long id, KeyPurpose family) {
        Instant now = Instant.now(clock);
        return Optional.ofNullable(WireKeyEntity.<WireKeyEntity>findById(id)).map(WireKeyEntity::toKey)
                .filter(k -> k.family() == family && k.validAt(now));
    }

    @Transactional
    public Optional<StoredKey> current(KeyPurpose family) {
        return currentEntity(family).map(WireKeyEntity::toKey);
    }

    private static Optional<WireKeyEntity> currentEntity(KeyPurpose family) {
        return WireKeyEntity.<WireKeyEntity>find("family = ?1 and retiredUntil is null order by id desc", StoredKey.familyName(family))
                .firstResultOptional();
    }

    private static StoredKey newKey(KeyRingEntity ring, KeyPurpose family, Instant now) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        RANDOM.nextBytes(secret);
        ring.lastKeyId++;
        return new StoredKey(ring.lastKeyId, family, secret, now, null);
    }

    private static Ring snapshot(KeyRingEntity ring) {
        List<StoredKey> keys = WireKeyEntity.<WireKeyEntity>listAll().stream().map(WireKeyEntity::toKey)
                .sorted(Comparator.comparingLong(StoredKey::id)).toList();
        return new Ring(ring.revision, keys);
    }

    /**
     * After the commit, the file shows the ring as this transaction left it (the last change's snapshot,
     * taken inside the transaction); after a rollback nothing changed and nothing is written.
     */
    private void writeFileAfterCommit(KeyRingEntity ring) {
        Ring snapshot = snapshot(ring);
        AfterCommit pending = (AfterCommit) transactions.getResource(AfterCommit.class);
        if (pending == null) {
            pending = new AfterCommit(keyFile);
            transactions.putResource(AfterCommit.class, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        pending.ring = snapshot;
    }

    /** One per transaction that changed the ring. */
    private static final class AfterCommit implements Synchronization {

        private final KeyFileWriter keyFile;
        private volatile Ring ring;

        AfterCommit(KeyFileWriter keyFile) {
            this.keyFile = keyFile;
        }

        @Override
        public void beforeCompletion() {
            // the snapshot was taken with the change
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            try {
                keyFile.write(ring.revision(), ring.keys());
            } catch (RuntimeException e) {
                // the keys are committed; the maintenance job writes the file again
                LOG.errorf(e, "could not write the key file after key ring revision %d", ring.revision());
            }
        }
    }
}
