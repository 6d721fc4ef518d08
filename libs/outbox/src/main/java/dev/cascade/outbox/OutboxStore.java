package dev.cascade.outbox;

import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The relay's reads and writes of the outbox table, each a short transaction of its own. */
@ApplicationScoped
public class OutboxStore {

    /** An outbox row waiting for Kafka. */
    public record PendingEvent(long id, String topic, String key, String eventId, String eventType, byte[] payload) {
    }

    /** The oldest unpublished rows, in id (= commit) order, at most {@code max}. */
    @Transactional
    public List<PendingEvent> unpublished(int max) {
        return OutboxEventEntity.<OutboxEventEntity>find("publishedAt is null", Sort.by("id")).range(0, max - 1).list().stream()
                .map(row -> new PendingEvent(row.id, row.topic, row.eventKey, row.eventId, row.eventType, row.payload))
                .toList();
    }

    @Transactional
    public void markPublished(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            OutboxEventEntity.update("publishedAt = ?1 where id in ?2 and publishedAt is null", at, ids);
        }
    }

    @Transactional
    public long pending() {
        return OutboxEventEntity.count("publishedAt is null");
    }

    /** Deletes rows published before {@code before}; returns how many. */
    @Transactional
    public long purgePublishedBefore(Instant before) {
        return OutboxEventEntity.delete("publishedAt < ?1", before);
    }
}
