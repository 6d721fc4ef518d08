package dev.cascade.wire;

/**
 * Why a received datagram was dropped. The metric label of each reason is its lower-case name,
 * e.g. {@code cascade_gateway_datagrams_rejected_total{reason="bad_tag"}}.
 */
public enum DropReason {
    /** The first four bytes are not "CSCD". */
    BAD_MAGIC,
    /** Shorter than header plus tag, or the payload length field disagrees with the datagram size, or over the size limit. */
    BAD_LENGTH,
    /** The header's protocol version is not supported. */
    UNSUPPORTED_VERSION,
    /** The key id is unknown, retired, or of the wrong family for the message type. */
    UNKNOWN_KEY,
    /** The HMAC-SHA256 tag does not verify. */
    BAD_TAG,
    /** The header timestamp is further from the receiver's clock than the allowed skew. */
    STALE_TIMESTAMP,
    /** The sequence number was already seen, or is older than the replay window. */
    REPLAY,
    /** The type byte names no message type of this protocol version, or one not accepted on this port. */
    UNKNOWN_TYPE,
    /** The payload does not parse as the message type's protobuf message, or fails validation. */
    MALFORMED_PAYLOAD,
    /** The client version in the payload is outside the supported range. */
    UNSUPPORTED_CLIENT_VERSION,
    /** The source sent more than its rate allows. */
    RATE_LIMITED,
    /** The receiver's bounded queue is full. */
    QUEUE_FULL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
