package dev.cascade.metadata.service;

import java.time.Instant;

import dev.cascade.metadata.entity.TopologyRevisionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The newest topology revision announced by a TopologyChanged event. Every peer whose office was
 * computed from an older revision is stale; nothing else is written when the topology changes.
 */
@ApplicationScoped
public class TopologyRevisions {

    /**
     * Records {@code revision} in the caller's transaction unless a newer one is already known
     * (events are delivered at least once and could be replayed).
     *
     * @return whether the revision is newer than the one known before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean announce(long revision, Instant changedAt) {
        return TopologyRevisionEntity.update("revision = ?1, changedAt = ?2 where id = ?3 and revision < ?1",
                revision, changedAt, TopologyRevisionEntity.ID) > 0;
    }

    /** The newest announced revision; 0 before the first TopologyChanged. */
    @Transactional
    public long latest() {
        return TopologyRevisionEntity.getEntityManager()
                .createQuery("select r.revision from TopologyRevisionEntity r where r.id = :id", Long.class)
                .setParameter("id", TopologyRevisionEntity.ID).getSingleResult();
    }
}
