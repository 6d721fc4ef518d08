package dev.cascade.gateway.kafka;

import java.net.InetSocketAddress;
import java.util.Optional;

import com.google.protobuf.Message;

import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/**
 * An authenticated, valid datagram on its way to Kafka: what its event needs, and, when the sender
 * is acknowledged, what the ACK needs once Kafka acknowledged (where to send it, from which port's
 * socket, and the key to tag it with).
 */
public record AcceptedDatagram(
        Header header,
        MessageType type,
        Message payload,
        WireKey key,
        InetSocketAddress source,
        long receivedAtMillis,
        long receivedNanos,
        Optional<ReplySender> ackVia) {
}
