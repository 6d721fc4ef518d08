package dev.cascade.wire;

import java.util.UUID;

/**
 * The fixed 48-byte header of every datagram (big-endian):
 * <pre>
 *  0  magic           4  "CSCD" (0x43 0x53 0x43 0x44)
 *  4  version         1  protocol version (1)
 *  5  type            1  {@link MessageType} code
 *  6  flags           2  reserved, 0 in v1
 *  8  sender id      16  UUID of the device or connector, most significant byte first
 * 24  key id          4  unsigned; 0 = unauthenticated (diagnostic rejects only)
 * 28  sequence        8  unsigned, strictly increasing per sender
 * 36  timestamp       8  sender clock, milliseconds since the Unix epoch
 * 44  payload length  4  unsigned byte count of the protobuf payload that follows
 * </pre>
 * The payload is followed by a 32-byte HMAC-SHA256 tag over header and payload.
 */
public record Header(
        int version,
        int typeCode,
        int flags,
        UUID senderId,
        long keyId,
        long sequence,
        long timestampMillis,
        int payloadLength) {

    public static final int MAGIC = 0x43534344;
    public static final int SIZE = 48;
    public static final int TAG_SIZE = 32;
}
