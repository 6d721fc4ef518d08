package dev.cascade.wire;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Encodes datagrams and parses their fixed header. The layout is documented on {@link Header}. */
public final class DatagramCodec {

    public static final int PROTOCOL_VERSION = 1;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_SIZE = 65_507;
    public static final int MAX_PAYLOAD_SIZE = MAX_DATAGRAM_SIZE - Header.SIZE - Header.TAG_SIZE;
    /** Key id of unauthenticated diagnostic datagrams (rejects of datagrams that did not authenticate). */
    public static final long UNAUTHENTICATED_KEY_ID = 0;

    private DatagramCodec() {
    }

    /** A datagram tagged with {@code key}. */
    public static byte[] encode(MessageType type, UUID sender, WireKey key, long sequence, long timestampMillis,
                                byte[] payload) {
        byte[] out = frame(type, sender, key.id(), sequence, timestampMillis, payload);
        Hmac.tag(key, out, 0, Header.SIZE + payload.length, out, Header.SIZE + payload.length);
        return out;
    }

    /** A datagram with key id 0 and a zero tag: receivers treat it as a diagnostic, never as a command. */
    public static byte[] encodeUnauthenticated(MessageType type, UUID sender, long sequence, long timestampMillis,
                                               byte[] payload) {
        return frame(type, sender, UNAUTHENTICATED_KEY_ID, sequence, timestampMillis, payload);
    }

    private static byte[] frame(MessageType type, UUID sender, long keyId, long sequence, long timestampMillis,
                                byte[] payload) {
        if (payload.length > MAX_PAYLOAD_SIZE) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_SIZE);
        }
        byte[] out = new byte[Header.SIZE + payload.length + Header.TAG_SIZE];
        ByteBuffer buf = ByteBuffer.wrap(out);
        buf.putInt(Header.MAGIC)
                .put((byte) PROTOCOL_VERSION)
                .put((byte) type.code())
                .putShort((short) 0)
                .putLong(sender.getMostSignificantBits())
                .putLong(sender.getLeastSignificantBits())
                .putInt((int) keyId)
                .putLong(sequence)
                .putLong(timestampMillis)
                .putInt(payload.length)
                .put(payload);
        return out;
    }

    /**
     * Reads the header of {@code length} bytes at {@code data[0..]}, checking only magic, version
     * and length. Returns the reason as a {@link Verification.Dropped} when those fail.
     */
    static Verification parseHeader(byte[] data, int length) {
        if (length < 5) {
            return new Verification.Dropped(length >= 4 && readMagic(data) != Header.MAGIC
                    ? DropReason.BAD_MAGIC : DropReason.BAD_LENGTH, null, false);
        }
        if (readMagic(data) != Header.MAGIC) {
            return new Verification.Dropped(DropReason.BAD_MAGIC, null, false);
        }
        int version = data[4] & 0xFF;
        if (version != PROTOCOL_VERSION) {
            return new Verification.Dropped(DropReason.UNSUPPORTED_VERSION, null, false);
        }
        if (length < Header.SIZE + Header.TAG_SIZE || length > MAX_DATAGRAM_SIZE) {
            return new Verification.Dropped(DropReason.BAD_LENGTH, null, false);
        }
        ByteBuffer buf = ByteBuffer.wrap(data, 0, length);
        buf.position(5);
        int type = buf.get() & 0xFF;
        int flags = buf.getShort() & 0xFFFF;
        UUID sender = new UUID(buf.getLong(), buf.getLong());
        long keyId = buf.getInt() & 0xFFFF_FFFFL;
        long sequence = buf.getLong();
        long timestamp = buf.getLong();
        long payloadLength = buf.getInt() & 0xFFFF_FFFFL;
        Header header = new Header(version, type, flags, sender, keyId, sequence, timestamp, (int) Math.min(payloadLength, Integer.MAX_VALUE));
        if (payloadLength != length - Header.SIZE - Header.TAG_SIZE) {
            return new Verification.Dropped(DropReason.BAD_LENGTH, null, false);
        }
        return new Verification.Accepted(new Datagram(header, null, null), null); // header only: not verified yet
    }

    private static int readMagic(byte[] data) {
        return ((data[0] & 0xFF) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    }
}
