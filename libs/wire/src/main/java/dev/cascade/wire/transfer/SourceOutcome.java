package dev.cascade.wire.transfer;

/** How a fetch ended for one source. */
public enum SourceOutcome {
    /** Usable to the end (it may have delivered nothing if others were faster). */
    OK,
    /** Sent a piece that failed verification: dropped; the caller reports and avoids it. */
    BAD,
    /** Said BUSY and kept saying it until the fetch ended or its retries ran out. */
    BUSY,
    /** Did not answer: dropped after consecutive retransmission timeouts. */
    UNREACHABLE,
    /** Refused to serve (office type, policy) or called a request invalid. */
    REFUSED,
    /** Held none of the pieces still needed. */
    NOT_HELD
}
