package dev.cascade.processedevents;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The processed-event log: how a consumer applies each event once, whatever Kafka redelivers. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    Clock clock;

    /**
     * Records {@code eventId} in the caller's transaction. Returns false if it was already
     * recorded: the caller then skips the event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String eventId, String eventType) {
        if (ProcessedEventEntity.findById(eventId) != null) {
            return false;
        }
        ProcessedEventEntity processed = new ProcessedEventEntity();
        processed.eventId = eventId;
        processed.eventType = eventType;
        processed.processedAt = Instant.now(clock);
        processed.persist();
        return true;
    }
}
