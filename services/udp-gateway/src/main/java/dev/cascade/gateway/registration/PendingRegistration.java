package dev.cascade.gateway.registration;

import java.net.InetSocketAddress;

import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.Header;
import dev.cascade.wire.WireKey;

/**
 * An authenticated, valid REGISTER on its way to Kafka: what the event needs, and what the ACK
 * needs once Kafka acknowledged (where to send it and the key to tag it with).
 */
public record PendingRegistration(
        Header header,
        Register registration,
        WireKey key,
        InetSocketAddress source,
        long receivedAtMillis,
        long receivedNanos) {
}
