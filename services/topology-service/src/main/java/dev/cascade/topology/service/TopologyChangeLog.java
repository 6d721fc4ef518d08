package dev.cascade.topology.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.outbox.Outbox;
import dev.cascade.topology.entity.TopologyRevisionEntity;
import dev.cascade.topology.model.Topology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Records that the topology changed, inside the transaction of the change: the revision goes up by
 * one and a {@code TopologyChanged} event enters the outbox. Both commit or roll back with the
 * change; after a commit the directory is rebuilt ({@link TopologyCommitted}) and the outbox relay
 * is woken (by the outbox itself).
 */
@ApplicationScoped
public class TopologyChangeLog {

    @Inject
    Outbox outbox;

    @Inject
    Event<TopologyCommitted> committed;

    @Inject
    Clock clock;

    /**
     * Call it in the transaction that changed offices, ranges or RVPs, after the change.
     *
     * @return the new revision
     * @throws IllegalArgumentException when a count is negative
     * @throws jakarta.transaction.TransactionalException when no transaction is active
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long recordChange(ChangeTrigger trigger, int added, int changed, int removed) {
        return recordChange(trigger, added, changed, removed, null);
    }

    /**
     * As {@link #recordChange(ChangeTrigger, int, int, int)}, for a change that knows the whole
     * topology it committed: after the commit the directory serves {@code topology} as it is, with
     * its already-built resolver, instead of reading the database again.
     *
     * @param topology the topology as stored by the change, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long recordChange(ChangeTrigger trigger, int added, int changed, int removed, Topology topology) {
        if (trigger == null || added < 0 || changed < 0 || removed < 0) {
            throw new IllegalArgumentException("a topology change needs a trigger and counts of at least 0, got " + trigger
                    + " added=" + added + " changed=" + changed + " removed=" + removed);
        }
        // The row lock taken here is held until commit: concurrent changes (even on other replicas)
        // queue behind it, so revisions, outbox ids and commit order agree.
        int updated = TopologyRevisionEntity.update("revision = revision + 1 where id = ?1", TopologyRevisionEntity.ID);
        if (updated != 1) {
            throw new IllegalStateException("the topology_revision row is missing: the schema was not migrated");
        }
        long revision = TopologyRevisionEntity.getEntityManager()
                .createQuery("select r.revision from TopologyRevisionEntity r where r.id = :id", Long.class)
                .setParameter("id", TopologyRevisionEntity.ID).getSingleResult();
        Instant now = Instant.now(clock);
        String eventId = UUID.randomUUID().toString();
        outbox.append(Topics.TOPOLOGY_CHANGES, Topics.TOPOLOGY_CHANGES_KEY, eventId, TopologyChanged.newBuilder()
                .setEventId(eventId)
                .setRevision(revision)
                .setChangedAtUnixMs(now.toEpochMilli())
                .setOfficesAdded(added)
                .setOfficesChanged(changed)
                .setOfficesRemoved(removed)
                .setTrigger(trigger.toProto())
                .build());
        committed.fire(new TopologyCommitted(revision, topology));
        return revision;
    }
}
