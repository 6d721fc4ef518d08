package dev.cascade.topology.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.jboss.logging.Logger;

import dev.cascade.topology.client.RegisteredPeers;
import dev.cascade.topology.client.RegisteredPeers.PeersUnavailable;
import dev.cascade.topology.config.ServerAddress;
import dev.cascade.topology.config.TopologyConfig;
import dev.cascade.topology.model.InvalidTopologyException;
import dev.cascade.topology.model.PeerPlacement;
import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.SheetImport;
import dev.cascade.topology.model.SheetLimits;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyDiff;
import dev.cascade.topology.model.TopologySheetReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A topology spreadsheet upload, run dry or applied: read and validate the sheet (every problem at
 * once, nothing changed), tell which registered peers would move office, and for an apply replace
 * the stored topology in one transaction ({@link TopologyStore}). Counted and timed by outcome.
 */
@ApplicationScoped
public class TopologyImport {

    private static final Logger LOG = Logger.getLogger(TopologyImport.class);

    /** Outcomes of {@code cascade_topology_imports_total}. */
    static final List<String> OUTCOMES = List.of("applied", "dry_run", "invalid", "conflict", "failed");

    @Inject
    TopologyStore store;

    @Inject
    RegisteredPeers registeredPeers;

    @Inject
    TopologyConfig config;

    @Inject
    MeterRegistry registry;

    private TopologySheetReader reader;

    /**
     * What an import did or would do.
     *
     * @param previousRevision     the revision the sheet was compared with
     * @param revision             the revision after the import: the same as {@code previousRevision} for
     *                             a dry run and for a sheet that changes nothing
     * @param diff                 offices added, changed, removed; the peers that move (empty when unknown)
     * @param peerMovesUnavailable why the peer moves are unknown (metadata-service did not list the
     *                             peers), or null when they are known
     */
    public record Result(boolean dryRun, long previousRevision, long revision, TopologyDiff diff,
            String peerMovesUnavailable) {
    }

    void start(@Observes StartupEvent event) {
        reader = new TopologySheetReader(SheetLimits.DEFAULT, config.serverIp().map(ServerAddress::ip).orElse(null));
        OUTCOMES.forEach(outcome -> {
            counter(outcome);
            timer(outcome);
        });
    }

    /**
     * Reads the sheet in {@code body} and compares it with the stored topology; unless
     * {@code dryRun}, applies it.
     *
     * @param format           the sheet's format, or null to tell it from the first bytes
     * @param expectedRevision when applying: the revision the dry run reported, or null not to check
     * @throws InvalidTopologyException   with every problem of the sheet (nothing changed)
     * @throws TopologyConflictException when the stored revision is not {@code expectedRevision}
     * @throws IOException                when reading the request body fails
     */
    public Result run(InputStream body, SheetFormat format, boolean dryRun, Long expectedRevision) throws IOException {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            long start = System.nanoTime();
            SheetImport sheet = format == null ? reader.read(body) : reader.read(body, format);
            if (!sheet.valid()) {
                outcome = "invalid";
                throw new InvalidTopologyException(sheet.problems());
            }
            Topology proposed = sheet.topology();
            long read = System.nanoTime();
            // Built before any lock is taken; the peer moves use it, and the directory serves it after the commit.
            proposed.resolver();
            long resolver = System.nanoTime();
            List<PeerPlacement> peers = List.of();
            String unavailable = null;
            try {
                peers = registeredPeers.all().stream()
                        .map(p -> new PeerPlacement(p.deviceId(), p.hostname(), p.ipAddress(), p.officeId())).toList();
            } catch (PeersUnavailable e) {
                LOG.warnf("import %s without peer moves: %s", dryRun ? "dry run" : "applied", e.getMessage());
                unavailable = e.getMessage();
            }
            long listed = System.nanoTime();
            Result result;
            if (dryRun) {
                TopologyStore.Current current = store.current();
                result = new Result(true, current.revision(), current.revision(),
                        TopologyDiff.between(current.topology(), proposed, peers), unavailable);
                outcome = "dry_run";
            } else {
                TopologyStore.Applied applied;
                try {
                    applied = store.apply(proposed, ChangeTrigger.IMPORT, expectedRevision);
                } catch (TopologyConflictException e) {
                    outcome = "conflict";
                    throw e;
                }
                result = new Result(false, applied.previousRevision(), applied.revision(),
                        TopologyDiff.between(applied.before(), proposed, peers), unavailable);
                outcome = "applied";
            }
            LOG.infof("import %s: %d offices, %d ranges, %d peers; read %d ms, resolver %d ms, peers listed %d ms,"
                    + " %s %d ms", outcome, proposed.size(), proposed.rangeCount(), peers.size(), millis(start, read),
                    millis(read, resolver), millis(resolver, listed), dryRun ? "compared" : "applied",
                    millis(listed, System.nanoTime()));
            return result;
        } finally {
            counter(outcome).increment();
            sample.stop(timer(outcome));
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private Counter counter(String outcome) {
        return Counter.builder("cascade_topology_imports_total").tag("outcome", outcome)
                .description("Topology spreadsheet uploads: applied, dry_run, invalid (problems, nothing changed),"
                        + " conflict (changed since the dry run), failed (an unexpected error)")
                .register(registry);
    }

    private Timer timer(String outcome) {
        return Timer.builder("cascade_topology_import_seconds").tag("outcome", outcome)
                .description("Time from upload to answer of a topology import, by outcome").register(registry);
    }
}
