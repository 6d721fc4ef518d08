package dev.cascade.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ControlSignal;
import dev.cascade.contracts.v1.ControlSignalReceived;
import dev.cascade.wire.Header;

/** A CONTROL datagram becomes {@link ControlSignalReceived} on {@link Topics#PEER_CONTROL}. */
public final class ControlSignalRecords implements EventRecords {

    private final String gatewayId;

    public ControlSignalRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    public ControlSignalReceived event(AcceptedDatagram accepted) {
        Header header = accepted.header();
        return ControlSignalReceived.newBuilder()
                .setEventId(EventIds.eventId(header))
                .setDeviceId(header.senderId().toString())
                .setSourceAddress(EventIds.addressText(accepted.source()))
                .setReceivedAtUnixMs(accepted.receivedAtMillis())
                .setGatewayId(gatewayId)
                .setSignal((ControlSignal) accepted.payload())
                .build();
    }

    @Override
    public ProducerRecord<String, byte[]> record(AcceptedDatagram accepted) {
        ControlSignalReceived event = event(accepted);
        return EventRecords.of(Topics.PEER_CONTROL, event.getDeviceId(), event.getEventId(), event);
    }
}
