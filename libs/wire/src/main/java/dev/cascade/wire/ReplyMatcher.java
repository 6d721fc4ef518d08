package dev.cascade.wire;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.LongPredicate;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;

/**
 * Recognises the answer to a request among the datagrams arriving on the requester's reply socket: an
 * ACK or REJECT tagged with a key of the requester's ring that names one of the request's sequence numbers,
 * or an unauthenticated REJECT naming one (docs/protocol.md §6.3). Everything else is no answer. The server
 * tags a reply with the key that authenticated the request; any valid key of the ring is accepted, so a
 * reply to an attempt made just before the requester switched keys still counts.
 */
public final class ReplyMatcher {

    private final DatagramVerifier verifier;

    public ReplyMatcher(WireKey key, Clock clock) {
        this(KeyRing.of(key), clock);
    }

    /** Verifies replies with any key of {@code keys} that is valid when the reply arrives. */
    public ReplyMatcher(KeyRing keys, Clock clock) {
        // No clock check on replies: a reply counts only if it names a sequence number of this exchange,
        // so an old reply cannot be replayed, and a STALE_TIMESTAMP reject must reach a sender whose clock is off.
        this.verifier = new DatagramVerifier(keys, new ReplayGuard(1024), ChronoUnit.FOREVER.getDuration(),
                clock, Set.of(MessageType.ACK, MessageType.REJECT));
    }

    /** The answer {@code data[0..length)} carries for a sequence number {@code mine} accepts, or null. */
    public Reply match(byte[] data, int length, LongPredicate mine, int attempt) {
        Verification verification = verifier.verify(data, length);
        try {
            if (verification instanceof Verification.Accepted accepted) {
                Datagram datagram = accepted.datagram();
                if (datagram.type() == MessageType.ACK) {
                    Ack ack = Ack.parseFrom(datagram.payload());
                    return mine.test(ack.getAckedSequence()) ? new Reply.Acked(ack, attempt) : null;
                }
                Reject reject = Reject.parseFrom(datagram.payload());
                return mine.test(reject.getRejectedSequence()) ? new Reply.Rejected(reject, true, attempt) : null;
            }
            Verification.Dropped dropped = (Verification.Dropped) verification;
            Header header = dropped.header();
            if (header != null && header.keyId() == DatagramCodec.UNAUTHENTICATED_KEY_ID
                    && header.typeCode() == MessageType.REJECT.code()) {
                byte[] payload = new byte[header.payloadLength()];
                System.arraycopy(data, Header.SIZE, payload, 0, payload.length);
                Reject reject = Reject.parseFrom(payload);
                // A receiver that cannot parse our header version cannot name our sequence number.
                boolean versionReject = reject.getReason() == RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION
                        && reject.getRejectedSequence() == 0;
                return versionReject || mine.test(reject.getRejectedSequence())
                        ? new Reply.Rejected(reject, false, attempt) : null;
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            return null; // a reply we cannot parse is no answer; keep waiting
        }
    }
}
