package dev.cascade.cli.connector;

import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.WireKey;

/** How one connector request ended (protocol.md §6.2, §10.1, §11, §16). */
sealed interface ExchangeOutcome {

    /** The server's result message arrived, verified with {@code key} (the key that signed the request). */
    record Answered(Datagram result, WireKey key) implements ExchangeOutcome {
    }

    /** The request is durable at the server and no result message was expected (APP_METADATA). */
    record Acknowledged(int attempts) implements ExchangeOutcome {
    }

    /** The server refused the request; an unauthenticated reject is a diagnostic that anyone could have forged. */
    record Rejected(Reject reject, boolean authenticated) implements ExchangeOutcome {
    }

    /** The gateway would not reassemble the large message. */
    record Refused(FragmentRefusal refusal) implements ExchangeOutcome {
    }

    /** No ACK, REJECT or result after every attempt. */
    record NoAnswer(int attempts) implements ExchangeOutcome {
    }

    /** The request was acknowledged (durable) but its result did not come within the timeout. */
    record NoResult(long waitedMillis) implements ExchangeOutcome {
    }
}
