package dev.cascade.activation.keys;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.wire.KeyFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps {@code cascade.activation.key-file} equal to the ring: the gateway and local agents watch it
 * and pick new keys up without a restart. Writes are atomic (KeyFile.write) and never go back to an
 * older revision, whatever order committing threads arrive in.
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
        Instant now = Instant.now(clock);
        KeyFileContent.Selection selection = KeyFileContent.select(ring, now);
        KeyFile.write(file.get(), selection.keys());
        writtenRevision = revision;
        for (StoredKey omitted : selection.omitted()) {
            // KeyFile holds one retired key per family; GetKeyRing still serves this one
            LOG.warnf("key file %s: retired %s key %d (valid until %s) left out, a newer retired key of its family is written",
                    file.get(), omitted.familyName(), omitted.id(), omitted.retiredUntil());
        }
        LOG.infof("key file %s written: key ring revision %d", file.get(), revision);
    }

    public synchronized long writtenRevision() {
        return writtenRevision;
    }
}
