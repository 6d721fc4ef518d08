package dev.cascade.activation.keys;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.WireKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps {@code cascade.activation.key-file} equal to the ring: the gateway and local agents watch it
 * and pick new keys up without a restart. Writes are atomic (KeyFile.write), never go back to an
 * older revision, whatever order committing threads arrive in, and never leave a file without keys.
 */
@ApplicationScoped
public class KeyFileWriter {

    private static final Logger LOG = Logger.getLogger(KeyFileWriter.class);

    @Inject
    ActivationConfig config;

    @Inject
    Clock clock;

    private long writtenRevision = -1;

    /** Writes the ring of {@code revision} unless a newer one was written already. */
    public synchronized void write(long revision, List<StoredKey> ring) {
        Optional<Path> file = config.keyFile();
        if (file.isEmpty() || revision <= writtenRevision) {
            return;
        }
        List<WireKey> keys = KeyFileContent.select(ring, Instant.now(clock));
        if (keys.isEmpty()) {
            // A ring without keys exists only until the first start's initialisation commits (the maintenance job's
            // first run can read it meanwhile). Every reader refuses a key file without keys: a running gateway keeps
            // its previous keys, one starting then fails.
            LOG.debugf("key ring revision %d holds no key yet: key file %s left as it is", revision, file.get());
            return;
        }
        KeyFile.write(file.get(), keys);
        writtenRevision = revision;
        LOG.infof("key file %s written: key ring revision %d", file.get(), revision);
    }

    public synchronized long writtenRevision() {
        return writtenRevision;
    }
}
