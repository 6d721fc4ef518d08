package dev.cascade.gateway.kafka;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.UUID;

import dev.cascade.wire.Header;

/** The event id and source-address text every family's event carries (docs/protocol.md §6.1, §8). */
public final class EventIds {

    private EventIds() {
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

    /** "ip:port"; an IPv6 address in brackets, "[2001:db8::7]:34324", so the port stays unambiguous. */
    public static String addressText(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address
                ? "[" + ip + "]:" + address.getPort()
                : ip + ":" + address.getPort();
    }
}
