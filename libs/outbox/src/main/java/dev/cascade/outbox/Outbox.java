package dev.cascade.outbox;

import java.time.Clock;
import java.time.Instant;

import com.google.protobuf.Message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Where a state change writes the event that reports it: a row in the caller's transaction, so
 * the event exists if and only if the change committed. {@link OutboxRelay} publishes it, woken
 * as soon as that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Clock clock;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

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
        transactions.registerInterposedSynchronization(new WakeAfterCommit(relay));
    }

    /** Wakes the relay once the row is visible to its reads; after a rollback there is nothing to publish. */
    private record WakeAfterCommit(OutboxRelay relay) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // nothing to do before the commit
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
