package dev.cascade.wire;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The id of the event a datagram stands for (docs/protocol.md §6.1): a name-based UUID (RFC 4122 version 3) of
 * the sender id (16 bytes), the sequence number and the timestamp (8 bytes each, big-endian). The gateway puts it
 * in {@code Ack.event_id} when it ACKs a peer; a peer ACKing a server message puts the id of the server's datagram
 * there the same way, so one datagram has one id wherever it is acknowledged.
 */
public final class DatagramEventId {

    private DatagramEventId() {
    }

    public static UUID of(Header header) {
        byte[] name = ByteBuffer.allocate(32)
                .putLong(header.senderId().getMostSignificantBits())
                .putLong(header.senderId().getLeastSignificantBits())
                .putLong(header.sequence())
                .putLong(header.timestampMillis())
                .array();
        return UUID.nameUUIDFromBytes(name);
    }
}
