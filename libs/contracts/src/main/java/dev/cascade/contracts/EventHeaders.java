package dev.cascade.contracts;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The Kafka record headers every Cascade event carries. */
public final class EventHeaders {

    private EventHeaders() {
    }

    /** The event id (UUID text): the key of every consumer's processed-event log. */
    public static final String EVENT_ID = "cascade-event-id";
    /** The fully qualified protobuf message name of the value, e.g. "cascade.v1.PeerRegistered". */
    public static final String EVENT_TYPE = "cascade-event-type";

    /** The value of header {@code name}, or throws naming the missing header. */
    public static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new IllegalArgumentException("event has no '" + name + "' header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
