package dev.cascade.wire;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.contracts.v1.Reject;

/** What came back for a request: a small message, or a large one (docs/protocol.md §10). */
public sealed interface Reply {

    /** The server acknowledged: the message is durable on its side. */
    record Acked(Ack ack, int attempts) implements Reply {
    }

    /**
     * The server refused. {@code authenticated} is false for a reject the server could not tag
     * (the request itself did not authenticate): then it is a diagnostic that a forger could also have sent.
     */
    record Rejected(Reject reject, boolean authenticated, int attempts) implements Reply {
    }

    /** A large message the receiver would not reassemble (too large, sender limit, busy, inconsistent). */
    record Refused(FragmentRefusal refusal, int attempts) implements Reply {
    }

    /** No answer after every attempt. */
    record NoAnswer(int attempts) implements Reply {
    }
}
