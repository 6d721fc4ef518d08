package dev.cascade.contracts;

/**
 * Kafka topic names. Each topic carries one event family, keyed by the entity it concerns;
 * each consumer group has its own dead-letter topic, named {@code <topic>.dlq.<service>}.
 */
public final class Topics {

    private Topics() {
    }

    /** {@link dev.cascade.contracts.v1.PeerRegistered}, key = device id. Written by udp-gateway. */
    public static final String PEER_REGISTRATIONS = "cascade.peer.registrations";

    /** The dead-letter topic of one consuming service for one topic. */
    public static String deadLetter(String topic, String service) {
        return topic + ".dlq." + service;
    }
}
