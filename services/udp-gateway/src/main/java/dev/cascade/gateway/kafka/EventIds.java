package dev.cascade.gateway.kafka;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import dev.cascade.wire.Header;

/** The event id and source-address text every family's event carries (docs/protocol.md §6.1, §8). */
public final class EventIds {

    /** One MD5 per thread: {@link UUID#nameUUIDFromBytes} looks the algorithm up for every id. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    });

    private EventIds() {
    }

    /**
     * The event id of a datagram: a name-based UUID of sender id (16 bytes), sequence and timestamp
     * (8 bytes each, big-endian). The same datagram gives the same id on every replica, so
     * consumers see a datagram published twice as one event.
     */
    public static String eventId(Header header) {
        UUID sender = header.senderId();
        byte[] name = new byte[32];
        putLong(name, 0, sender.getMostSignificantBits());
        putLong(name, 8, sender.getLeastSignificantBits());
        putLong(name, 16, header.sequence());
        putLong(name, 24, header.timestampMillis());
        return nameUuid(name).toString();
    }

    /** The same as {@link UUID#nameUUIDFromBytes} (RFC 4122 version 3), with this thread's digest. */
    static UUID nameUuid(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] = (byte) (md5[6] & 0x0f | 0x30); // version 3
        md5[8] = (byte) (md5[8] & 0x3f | 0x80); // IETF variant
        return new UUID(getLong(md5, 0), getLong(md5, 8));
    }

    private static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    /** "ip:port"; an IPv6 address in brackets, "[2001:db8::7]:34324", so the port stays unambiguous. */
    public static String addressText(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address
                ? "[" + ip + "]:" + address.getPort()
                : ip + ":" + address.getPort();
    }
}
