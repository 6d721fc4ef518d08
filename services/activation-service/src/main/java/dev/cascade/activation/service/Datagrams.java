package dev.cascade.activation.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.google.protobuf.Message;

import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.wire.MessageType;

/** The datagrams activation-service asks the gateway to send (protocol.md §14, §16). */
final class Datagrams {

    private Datagrams() {
    }

    /**
     * A reply to a connector request, to the address it came from, tagged with the key that
     * authenticated the request. Its event id derives from the request's, so a reply written twice is one event.
     */
    static OutboundDatagram toConnector(String requestEventId, String connectorId, SourceAddress to, long keyId,
            MessageType type, Message payload) {
        return OutboundDatagram.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((type.name() + ":" + requestEventId).getBytes(StandardCharsets.UTF_8)).toString())
                .setDestinationId(connectorId).setDestinationAddress(to.ip()).setDestinationPort(to.port())
                .setMessageType(type.code()).setPayload(payload.toByteString())
                .setKeyFamily(KeyFamily.KEY_FAMILY_CONNECTOR).setKeyId((int) keyId).build();
    }

    /** A message to a peer's small-message port, fleet family, tagged with the fleet key {@code keyId}. */
    static OutboundDatagram toPeer(String deviceId, String ip, int port, int largeMessagePort, long keyId, MessageType type,
            Message payload) {
        return OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                .setDestinationId(deviceId).setDestinationAddress(ip).setDestinationPort(port)
                .setMessageType(type.code()).setPayload(payload.toByteString())
                .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).setKeyId((int) keyId).setLargeMessagePort(largeMessagePort).build();
    }
}
