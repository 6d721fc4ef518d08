package dev.cascade.topology.service;

import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;

import org.hibernate.Session;
import org.hibernate.cfg.AvailableSettings;
import org.jboss.logging.Logger;

import dev.cascade.topology.entity.TopologyRevisionEntity;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyDiff;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The stored topology, read whole and replaced whole. A change runs in one transaction that first
 * locks the {@code topology_revision} row, so changes (also from other replicas) apply one after
 * the other, each against the topology the previous one left; it writes only the offices that
 * differ and records the change ({@link TopologyChangeLog}) in the same transaction. A change that
 * changes nothing records nothing and publishes no event.
 */
@ApplicationScoped
public class TopologyStore {

    private static final Logger LOG = Logger.getLogger(TopologyStore.class);

    @Inject
    EntityManager em;

    @Inject
    TopologyChangeLog changes;

    @Inject
    OfficeDirectory directory;

    /** The stored topology and the revision it is at. */
    public record Current(long revision, Topology topology) {
    }

    /**
     * What a change did.
     *
     * @param previousRevision the revision it was applied to
     * @param revision         the revision after it; equal to {@code previousRevision} when nothing changed
     * @param before           the topology it replaced
     * @param after            the topology now stored
     * @param diff             the offices added, changed and removed (no peer moves)
     */
    public record Applied(long previousRevision, long revision, Topology before, Topology after, TopologyDiff diff) {

        public boolean changed() {
            return revision != previousRevision;
        }
    }

    /**
     * The stored topology with its revision. The revision is read first: should a change commit
     * meanwhile, the topology is newer than its label, so an apply expecting that revision is
     * refused rather than silently applied over a change it did not see.
     *
     * @throws IllegalStateException when the stored offices are not a valid topology
     */
    @Transactional
    public Current current() {
        long revision = storedRevision();
        return new Current(revision, at(revision));
    }

    /**
     * Replaces the stored topology by {@code proposed}.
     *
     * @param expectedRevision when given, the revision the caller's dry run saw: the change is refused
     *                         if another change came in between
     * @throws TopologyConflictException when the stored revision is not {@code expectedRevision}
     */
    @Transactional
    @TransactionConfiguration(timeout = 300)
    public Applied apply(Topology proposed, ChangeTrigger trigger, Long expectedRevision) {
        long revision = lockRevision();
        if (expectedRevision != null && expectedRevision != revision) {
            throw new TopologyConflictException(expectedRevision, revision);
        }
        return replace(revision, at(revision), proposed, trigger);
    }

    /**
     * Changes the stored topology by {@code change}, which gets the topology as it is once this
     * change holds the lock, so concurrent edits never overwrite each other.
     *
     * @param change returns the new topology; anything it throws rolls the change back and is rethrown
     */
    @Transactional
    @TransactionConfiguration(timeout = 300)
    public Applied edit(UnaryOperator<Topology> change, ChangeTrigger trigger) {
        long revision = lockRevision();
        Topology before = at(revision);
        return replace(revision, before, change.apply(before), trigger);
    }

    private Applied replace(long revision, Topology before, Topology after, ChangeTrigger trigger) {
        TopologyDiff diff = TopologyDiff.between(before, after, List.of());
        if (diff.officesUnchanged()) {
            return new Applied(revision, revision, before, before, diff);
        }
        long start = System.nanoTime();
        tables(tables -> {
            tables.write(before, after, diff);
            return null;
        });
        long next = changes.recordChange(trigger, diff.added().size(), diff.changed().size(), diff.removed().size(), after);
        LOG.infof("topology revision %d (%s): %d offices added, %d changed, %d removed; written in %d ms", next, trigger,
                diff.added().size(), diff.changed().size(), diff.removed().size(), (System.nanoTime() - start) / 1_000_000);
        return new Applied(revision, next, before, after, diff);
    }

    /**
     * The stored topology, which is at {@code revision}: the one this replica serves when a change of
     * this replica committed it (validated, parsed, its resolver built), else read from the tables.
     */
    private Topology at(long revision) {
        TopologySnapshot served = directory.snapshot();
        if (served.revision() == revision && served.topology().isPresent()) {
            return served.topology().get();
        }
        return tables(tables -> tables.read());
    }

    /** Takes the revision row's write lock, held until the transaction ends, and returns the revision. */
    private long lockRevision() {
        TopologyRevisionEntity row = em.find(TopologyRevisionEntity.class, TopologyRevisionEntity.ID,
                LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw new IllegalStateException("the topology_revision row is missing: the schema was not migrated");
        }
        return row.revision;
    }

    private long storedRevision() {
        return em.createQuery("select r.revision from TopologyRevisionEntity r where r.id = :id", Long.class)
                .setParameter("id", TopologyRevisionEntity.ID).getSingleResult();
    }

    /** Work on the office tables over the transaction's own connection. */
    @FunctionalInterface
    private interface TableWork<T> {
        T run(OfficeTables tables) throws SQLException;
    }

    private <T> T tables(TableWork<T> work) {
        Session session = em.unwrap(Session.class);
        // Hibernate qualifies its own SQL with the default schema (production: "topology"); plain SQL must too
        Object schema = session.getSessionFactory().getProperties().get(AvailableSettings.DEFAULT_SCHEMA);
        return session.doReturningWork(connection -> {
            try {
                return work.run(new OfficeTables(connection, schema == null ? null : schema.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("the topology tables could not be read or written: " + e.getMessage(), e);
            }
        });
    }
}
