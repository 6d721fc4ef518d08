package dev.cascade.gateway.kafka;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.gateway.registration.PendingRegistration;
import dev.cascade.wire.Header;

/** Turns an accepted REGISTER into its {@link PeerRegistered} record on {@link Topics#PEER_REGISTRATIONS}. */
public final class PeerRegisteredRecords {

    public static final String EVENT_TYPE = PeerRegistered.getDescriptor().getFullName();

    private final String gatewayId;

    public PeerRegisteredRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    /**
     * The event id of a datagram: a name-based UUID of sender id (16 bytes), sequence and timestamp
     * (8 bytes each, big-endian). The same datagram gives the same id on every replica, so
     * consumers see a datagram published twice as one event.
     */
    public static String eventId(Header header) {
        UUID sender = header.senderId();
        byte[] name = ByteBuffer.allocate(32)
                .putLong(sender.getMostSignificantBits()).putLong(sender.getLeastSignificantBits())
                .putLong(header.sequence()).putLong(header.timestampMillis())
                .array();
        return UUID.nameUUIDFromBytes(name).toString();
    }

    public PeerRegistered event(PendingRegistration pending) {
        Header header = pending.header();
        return PeerRegistered.newBuilder()
                .setEventId(eventId(header))
                .setDeviceId(header.senderId().toString())
                .setRegistration(pending.registration())
                .setSourceAddress(addressText(pending.source()))
                .setReceivedAtUnixMs(pending.receivedAtMillis())
                .setSentAtUnixMs(header.timestampMillis())
                .setKeyId((int) header.keyId())
                .setGatewayId(gatewayId)
                .build();
    }

    /** Keyed by device id, so one device's registrations stay in order on one partition. */
    public ProducerRecord<String, byte[]> record(PeerRegistered event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PEER_REGISTRATIONS, event.getDeviceId(),
                event.toByteArray());
        record.headers().add(EventHeaders.EVENT_ID, EventHeaders.bytes(event.getEventId()));
        record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(EVENT_TYPE));
        return record;
    }

    /** "ip:port"; an IPv6 address in brackets, "[2001:db8::7]:34324", so the port stays unambiguous. */
    public static String addressText(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address
                ? "[" + ip + "]:" + address.getPort()
                : ip + ":" + address.getPort();
    }
}
