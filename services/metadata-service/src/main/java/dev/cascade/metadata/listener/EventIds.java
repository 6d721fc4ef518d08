package dev.cascade.metadata.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.cascade.contracts.EventHeaders;

/** The event id header every consumer records in its processed-event log (at most 64 characters, the column's size). */
final class EventIds {

    private static final int MAX = 64;

    private EventIds() {
    }

    /** @throws IllegalArgumentException naming the problem when the header is missing or too long */
    static String required(ConsumerRecord<?, ?> record) {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        if (eventId.length() > MAX) {
            throw new IllegalArgumentException("event id '" + eventId + "' is longer than " + MAX + " characters");
        }
        return eventId;
    }
}
