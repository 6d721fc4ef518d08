package dev.cascade.gateway.kafka;

import java.net.InetSocketAddress;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.Header;

/** Turns an accepted REGISTER into its {@link PeerRegistered} record on {@link Topics#PEER_REGISTRATIONS}. */
public final class PeerRegisteredRecords implements EventRecords {

    public static final String EVENT_TYPE = PeerRegistered.getDescriptor().getFullName();

    private final String gatewayId;

    public PeerRegisteredRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    /** See {@link EventIds#eventId}. */
    public static String eventId(Header header) {
        return EventIds.eventId(header);
    }

    public PeerRegistered event(AcceptedDatagram accepted) {
        Header header = accepted.header();
        return PeerRegistered.newBuilder()
                .setEventId(eventId(header))
                .setDeviceId(header.senderId().toString())
                .setRegistration((Register) accepted.payload())
                .setSourceAddress(EventIds.addressText(accepted.source()))
                .setReceivedAtUnixMs(accepted.receivedAtMillis())
                .setSentAtUnixMs(header.timestampMillis())
                .setKeyId((int) header.keyId())
                .setGatewayId(gatewayId)
                .build();
    }

    /** Keyed by device id, so one device's registrations stay in order on one partition. */
    @Override
    public ProducerRecord<String, byte[]> record(AcceptedDatagram accepted) {
        return record(event(accepted));
    }

    public ProducerRecord<String, byte[]> record(PeerRegistered event) {
        return EventRecords.of(Topics.PEER_REGISTRATIONS, event.getDeviceId(), event.getEventId(), event);
    }

    public static String addressText(InetSocketAddress address) {
        return EventIds.addressText(address);
    }
}
