package dev.cascade.topology.outbox;

import java.time.Clock;
import java.time.Instant;

import com.google.protobuf.Message;

import dev.cascade.topology.entity.OutboxEventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Where a state change writes the event that reports it: a row in the caller's transaction, so
 * the event exists if and only if the change committed. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Clock clock;

    /** Appends {@code event} for {@code topic}, keyed by {@code key}, with its event id (the consumers' idempotency key). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, String eventId, Message event) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.topic = topic;
        row.eventKey = key;
        row.eventId = eventId;
        row.eventType = event.getDescriptorForType().getFullName();
        row.payload = event.toByteArray();
        row.createdAt = Instant.now(clock);
        row.persist();
    }
}
