package dev.cascade.topology.service;

import dev.cascade.topology.model.OfficeResolver;
import dev.cascade.topology.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.cascade.topology.entity.OfficeEntity;
import dev.cascade.topology.entity.OfficeRangeEntity;
import dev.cascade.topology.entity.OfficeRvpEntity;
import dev.cascade.topology.entity.TopologyRevisionEntity;
import dev.cascade.topology.service.OfficeView.RangeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The offices and the {@link OfficeResolver} built from their ranges, held in memory as a
 * {@link TopologySnapshot} so that a resolution never touches the database. Rebuilt at startup,
 * after every topology change this replica commits, and when another replica's change shows up
 * in the stored revision ({@link SnapshotRefresh}).
 */
@ApplicationScoped
public class OfficeDirectory {

    private static final Logger LOG = Logger.getLogger(OfficeDirectory.class);

    private static final long COMMITTING_AT_MOST = TimeUnit.MINUTES.toNanos(5);
    /** How long a caller waits for the first snapshot after the start before it is refused. */
    static final long FIRST_LOAD_WAIT_SECONDS = 120;

    @Inject
    MeterRegistry registry;

    private volatile TopologySnapshot snapshot;
    /** Open once the first snapshot is in place. */
    private final CountDownLatch loaded = new CountDownLatch(1);
    /** Revisions this replica is committing, with when their commit began (System.nanoTime). */
    private final Map<Long, Long> committing = new ConcurrentHashMap<>();
    private Counter matched;
    private Counter central;
    private Counter invalid;

    /**
     * One answer of a batch: a resolution, or why the address was refused.
     *
     * @param resolution null when the address was refused
     * @param error      null when the address was resolved
     */
    public record BatchAnswer(String ipAddress, Resolution resolution, String error) {
    }

    /** The answers of a batch, in request order, all from the topology at {@code topologyRevision}. */
    public record BatchResolution(long topologyRevision, List<BatchAnswer> answers) {
    }

    /** At creation: messaging (plan requests) and the scheduler start before the StartupEvent observers. */
    @PostConstruct
    void init() {
        matched = resolutions("matched");
        central = resolutions("central");
        invalid = resolutions("invalid");
    }

    /**
     * Loads the first snapshot. Callers that come earlier ({@link #snapshot()} and the rest) wait for
     * it: messaging and the scheduler start before this observer runs.
     */
    void start(@Observes StartupEvent event) {
        rebuild();
        Gauge.builder("cascade_topology_offices", this, d -> d.snapshot.offices().size())
                .description("Offices in the topology, the central office included").register(registry);
        Gauge.builder("cascade_topology_ranges", this, d -> d.snapshot.resolver().rangeCount())
                .description("IP ranges assigned to offices").register(registry);
        Gauge.builder("cascade_topology_revision", this, d -> d.snapshot.revision())
                .description("Topology revision this replica resolves with (replicas converge within the refresh interval)")
                .register(registry);
    }

    private Counter resolutions(String result) {
        return Counter.builder("cascade_topology_resolutions_total").tag("result", result)
                .description("IP-to-office resolutions: matched a range, fell back to the central office, or refused a malformed address")
                .register(registry);
    }

    /**
     * A change of this replica is about to commit: until its after-commit call has installed it, the
     * refresh job must not read the same revision from the tables (seconds for 100 000 ranges).
     */
    void onCommitting(@Observes(during = TransactionPhase.BEFORE_COMPLETION) TopologyCommitted committing) {
        this.committing.put(committing.revision(), System.nanoTime());
    }

    void onRolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) TopologyCommitted failed) {
        committing.remove(failed.revision());
    }

    /**
     * A topology change committed: resolve with it from now on. Not called for a change that rolled
     * back, so such a change is never visible here.
     */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TopologyCommitted committed) {
        try {
            if (committed.topology() != null) {
                install(committed.revision(), committed.topology());
            } else {
                rebuild();
            }
        } catch (RuntimeException e) {
            // the change is committed; keep serving the previous snapshot and let the refresh job retry
            LOG.errorf(e, "topology revision %d committed but the resolver could not be rebuilt; still serving revision %d",
                    committed.revision(), snapshot.revision());
        } finally {
            committing.remove(committed.revision());
        }
    }

    /**
     * Re-reads offices, ranges and RVPs and swaps in a new snapshot. Resolutions running meanwhile
     * use the previous one. A transaction of its own (it also runs after another one committed).
     *
     * @throws IllegalStateException when there is not exactly one central office
     * @throws IllegalArgumentException naming the range when a stored range is malformed
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public synchronized void rebuild() {
        // The revision is read first: should a change commit while the rest is read, the snapshot is
        // labelled with the older revision and the refresh job rebuilds it again.
        long revision = storedRevisionInTransaction();
        List<OfficeEntity> offices = OfficeEntity.listAll(Sort.by("officeId"));
        Map<String, List<RangeView>> ranges = OfficeRangeEntity.<OfficeRangeEntity>listAll(Sort.by("id")).stream()
                .collect(Collectors.groupingBy(r -> r.officeId, LinkedHashMap::new,
                        Collectors.mapping(r -> new RangeView(r.firstAddress, r.lastAddress, r.cidr), Collectors.toList())));
        Map<String, List<String>> rvps = OfficeRvpEntity.<OfficeRvpEntity>listAll(Sort.by("officeId").and("position").and("id"))
                .stream().collect(Collectors.groupingBy(r -> r.officeId, LinkedHashMap::new,
                        Collectors.mapping(r -> r.deviceId, Collectors.toList())));
        List<OfficeView> views = new ArrayList<>(offices.size());
        for (OfficeEntity office : offices) {
            views.add(new OfficeView(office.officeId, office.name, office.officeType, office.parentOfficeId, office.central,
                    office.metered, office.allowDirectCdn, List.copyOf(ranges.getOrDefault(office.officeId, List.of())),
                    List.copyOf(rvps.getOrDefault(office.officeId, List.of()))));
        }
        TopologySnapshot next = new TopologySnapshot(revision, views);
        snapshot = next;
        loaded.countDown();
        LOG.infof("topology revision %d loaded: %d offices, %d ranges", revision, views.size(), next.resolver().rangeCount());
    }

    /**
     * Serves {@code topology}, committed at {@code revision}, without reading the database: its
     * resolver is reused (an import built it for its dry run). A revision older than the one served
     * is ignored: two changes' after-commit calls may arrive out of order.
     */
    synchronized void install(long revision, Topology topology) {
        if (snapshot != null && revision <= snapshot.revision()) {
            return;
        }
        snapshot = new TopologySnapshot(revision, topology);
        loaded.countDown();
        LOG.infof("topology revision %d loaded: %d offices, %d ranges", revision, topology.size(), topology.rangeCount());
    }

    /**
     * Rebuilds when the stored revision is ahead of the one served. Checked while holding the
     * snapshot's lock, so a change this replica is installing right now is not read a second time.
     */
    synchronized void catchUp() {
        long now = System.nanoTime();
        // a commit's after-completion call is never lost while the JVM lives; the bound only guards against a bug
        committing.values().removeIf(since -> now - since > COMMITTING_AT_MOST);
        if (!committing.isEmpty()) {
            return;
        }
        if (snapshot == null) {
            return; // not loaded yet: the StartupEvent observer loads it
        }
        long stored = storedRevision();
        long serving = snapshot.revision();
        if (stored != serving) {
            LOG.infof("topology revision %d stored, %d served: rebuilding", stored, serving);
            rebuild();
        }
    }

    /** The revision in the database, which may be ahead of {@link #revision()} when another replica changed the topology. */
    @Transactional
    public long storedRevision() {
        return storedRevisionInTransaction();
    }

    private static long storedRevisionInTransaction() {
        // a scalar query: always read from the database, never from the persistence context
        return TopologyRevisionEntity.getEntityManager()
                .createQuery("select r.revision from TopologyRevisionEntity r where r.id = :id", Long.class)
                .setParameter("id", TopologyRevisionEntity.ID).getSingleResult();
    }

    /** The snapshot in use now: read it once per request so that the request sees one topology. */
    public TopologySnapshot snapshot() {
        TopologySnapshot current = snapshot;
        return current != null ? current : firstSnapshot();
    }

    private TopologySnapshot firstSnapshot() {
        try {
            if (!loaded.await(FIRST_LOAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the topology is not loaded " + FIRST_LOAD_WAIT_SECONDS
                        + " s after this replica started; see its log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topology to load", e);
        }
        return snapshot;
    }

    /** The revision of the snapshot in use. */
    public long revision() {
        return snapshot().revision();
    }

    /** Every office, ordered by id. */
    public List<OfficeView> offices() {
        return snapshot().offices();
    }

    public Optional<OfficeView> office(String officeId) {
        return snapshot().office(officeId);
    }

    /**
     * The office {@code ipAddress} belongs to, with the reason.
     *
     * @throws IllegalArgumentException naming the address when it is not one IPv4 or IPv6 address
     */
    public Resolution resolve(String ipAddress) {
        return resolve(snapshot(), ipAddress);
    }

    /** The office of each address, in order, from one snapshot; a malformed address is an answer with an error. */
    public BatchResolution resolveAll(List<String> ipAddresses) {
        TopologySnapshot current = snapshot();
        List<BatchAnswer> answers = new ArrayList<>(ipAddresses.size());
        for (String ip : ipAddresses) {
            try {
                answers.add(new BatchAnswer(ip, resolve(current, ip), null));
            } catch (IllegalArgumentException e) {
                answers.add(new BatchAnswer(ip, null, e.getMessage()));
            }
        }
        return new BatchResolution(current.revision(), answers);
    }

    private Resolution resolve(TopologySnapshot current, String ipAddress) {
        OfficeResolver.Match match;
        try {
            match = current.resolver().resolve(ipAddress);
        } catch (IllegalArgumentException e) {
            invalid.increment();
            throw e;
        }
        OfficeView office = current.office(match.officeId()).orElseThrow();
        if (!match.matched()) {
            central.increment();
            return new Resolution(ipAddress, office, null, "no topology range matches " + ipAddress + ": central office",
                    current.revision());
        }
        matched.increment();
        String range = match.range().label();
        return new Resolution(ipAddress, office, range,
                "matched range " + range + " of office " + office.officeId() + " (" + office.name() + ")", current.revision());
    }
}
