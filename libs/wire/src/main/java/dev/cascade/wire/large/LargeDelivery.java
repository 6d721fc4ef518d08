package dev.cascade.wire.large;

import dev.cascade.contracts.v1.FragmentRefusal;

/** How sending a large message ended. {@code fragmentsResent} counts retransmitted fragment datagrams. */
public sealed interface LargeDelivery {

    /** The receiver acknowledged the whole message. */
    record Delivered(int rounds, int fragments, int fragmentsResent) implements LargeDelivery {
    }

    /** The receiver will not take the message (too large, sender limit, inconsistent fragments). */
    record Refused(FragmentRefusal reason, int rounds) implements LargeDelivery {
    }

    /** No complete ack within the bounded rounds. */
    record NoAnswer(int rounds, int fragmentsResent) implements LargeDelivery {
    }
}
