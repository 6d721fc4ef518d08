package dev.cascade.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.wire.Header;

/** A peer's ACK or REJECT of a gateway message becomes {@link PeerReplyReceived} on {@link Topics#PEER_REPLIES}. */
public final class PeerReplyRecords implements EventRecords {

    private final String gatewayId;

    public PeerReplyRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    public PeerReplyReceived event(AcceptedDatagram accepted) {
        Header header = accepted.header();
        return PeerReplyReceived.newBuilder()
                .setEventId(EventIds.eventId(header))
                .setDeviceId(header.senderId().toString())
                .setSourceAddress(EventIds.addressText(accepted.source()))
                .setReceivedAtUnixMs(accepted.receivedAtMillis())
                .setGatewayId(gatewayId)
                .setMessageType(accepted.type().code())
                .setPayload(accepted.payload().toByteString())
                .build();
    }

    @Override
    public ProducerRecord<String, byte[]> record(AcceptedDatagram accepted) {
        PeerReplyReceived event = event(accepted);
        return EventRecords.of(Topics.PEER_REPLIES, event.getDeviceId(), event.getEventId(), event);
    }
}
