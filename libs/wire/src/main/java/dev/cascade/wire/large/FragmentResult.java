package dev.cascade.wire.large;

import java.util.Optional;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.wire.DropReason;

/** What a {@link Reassembler} did with one fragment. A value, never an exception. */
public sealed interface FragmentResult {

    /** The ack to send at once; progress acks of a message still in reassembly come from {@link Reassembler#dueAcks}. */
    Optional<FragmentAck> ackNow();

    /** The fragment belongs to a message still in reassembly; {@code added} is false for a duplicate. */
    record Held(boolean added, int held, int count) implements FragmentResult {
        @Override
        public Optional<FragmentAck> ackNow() {
            return Optional.empty();
        }
    }

    /** This fragment completed the message. */
    record Completed(FragmentAck ack, LargeMessage message) implements FragmentResult {
        @Override
        public Optional<FragmentAck> ackNow() {
            return Optional.of(ack);
        }
    }

    /** A late fragment of a message completed earlier: the ack says complete again, nothing is reassembled. */
    record AlreadyComplete(FragmentAck ack) implements FragmentResult {
        @Override
        public Optional<FragmentAck> ackNow() {
            return Optional.of(ack);
        }
    }

    /** Refused; {@code ack.refusal} says why and {@code detail} names the offending field for logs. */
    record Refused(FragmentAck ack, String detail) implements FragmentResult {
        @Override
        public Optional<FragmentAck> ackNow() {
            return Optional.of(ack);
        }
    }

    /**
     * Not a fragment this receiver answers with an ack: the inner message type is unknown or not accepted
     * ({@code UNKNOWN_TYPE}), or the key's family may not send it ({@code UNKNOWN_KEY}); handled as in protocol.md §6.
     */
    record Dropped(DropReason reason, String detail) implements FragmentResult {
        @Override
        public Optional<FragmentAck> ackNow() {
            return Optional.empty();
        }
    }
}
