package dev.cascade.gateway.peer;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.gateway.ingest.PayloadReader;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.MessageType;

/** A peer's ACK or REJECT of a gateway message (port 34322): it must parse and name the sequence it answers. */
public final class PeerReplyReader implements PayloadReader {

    @Override
    public PayloadValidation read(MessageType type, byte[] payload) {
        try {
            if (type == MessageType.ACK) {
                Ack ack = Ack.parseFrom(payload);
                return ack.getAckedSequence() == 0
                        ? new PayloadValidation.Malformed("acked_sequence", "acked_sequence is 0; expected the "
                                + "sequence number of the acknowledged datagram")
                        : new PayloadValidation.Valid(ack);
            }
            return new PayloadValidation.Valid(Reject.parseFrom(payload));
        } catch (InvalidProtocolBufferException e) {
            return new PayloadValidation.Malformed("payload", "payload is not a cascade.v1."
                    + (type == MessageType.ACK ? "Ack" : "Reject") + " message");
        }
    }
}
