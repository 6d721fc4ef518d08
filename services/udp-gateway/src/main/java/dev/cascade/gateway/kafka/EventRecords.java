package dev.cascade.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.google.protobuf.Message;

import dev.cascade.contracts.EventHeaders;

/** How one message family becomes a Kafka record: the one thing that differs between families. */
public interface EventRecords {

    /** The record of {@code accepted}, with the Cascade event headers; its event id is {@link EventIds#eventId}. */
    ProducerRecord<String, byte[]> record(AcceptedDatagram accepted);

    /** A record keyed by {@code key} carrying {@code event} and the event id and type headers. */
    static ProducerRecord<String, byte[]> of(String topic, String key, String eventId, Message event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, event.toByteArray());
        record.headers().add(EventHeaders.EVENT_ID, EventHeaders.bytes(eventId));
        record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(event.getDescriptorForType().getFullName()));
        return record;
    }
}
