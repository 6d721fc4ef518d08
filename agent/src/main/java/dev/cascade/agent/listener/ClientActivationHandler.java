package dev.cascade.agent.listener;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.WireKey;

/**
 * CLIENT_ACTIVATION (docs/protocol.md §16.4): unwraps the new fleet key with the key it names, stores it, and
 * makes it the key the agent signs with. Says whether to ACK: always, once the datagram authenticated (§16.1: a
 * key that does not unwrap is ignored, and the ACK stops the server re-sending it), except when the key could
 * not be stored: then the server's retransmission is the agent's second chance.
 */
final class ClientActivationHandler {

    private final FleetKeyStore keys;
    private final Clock clock;
    private final ServerMessageCounters counters;
    private final PrintWriter out;
    private final PrintWriter err;

    ClientActivationHandler(FleetKeyStore keys, Clock clock, ServerMessageCounters counters, PrintWriter out,
                            PrintWriter err) {
        this.keys = keys;
        this.clock = clock;
        this.counters = counters;
        this.out = out;
        this.err = err;
    }

    /** Handles a CLIENT_ACTIVATION that authenticated and passed §16.7's rules; true when it is to be ACKed. */
    boolean handle(ClientActivation activation) {
        String server = activation.getServerName().isEmpty() ? "(unnamed)" : activation.getServerName();
        if (!activation.hasFleetKey()) {
            print(out, "server " + server + " says this client is " + (activation.getActivated() ? "" : "not ")
                    + "activated; no key delivered");
            return true;
        }
        long keyId = Integer.toUnsignedLong(activation.getFleetKey().getKeyId());
        long wrappingId = Integer.toUnsignedLong(activation.getFleetKey().getWrappingKeyId());
        Optional<WireKey> wrapping = keys.ring().find(wrappingId, clock.instant());
        if (wrapping.isEmpty() || wrapping.get().purpose() != KeyPurpose.FLEET) {
            counters.dropped("unwrap_failed");
            print(err, "fleet key " + keyId + " from server " + server + " is wrapped with key " + wrappingId
                    + ", which this agent does not hold; ignored");
            return true;
        }
        WireKey key;
        try {
            key = KeyWrap.unwrap(activation.getFleetKey(), KeyPurpose.FLEET, wrapping.get());
        } catch (IllegalArgumentException e) {
            counters.dropped("unwrap_failed");
            print(err, "fleet key from server " + server + " ignored: " + e.getMessage());
            return true;
        }
        WireKey previous = keys.signingKey();
        Instant previousValidUntil = Instant.ofEpochMilli(activation.getPreviousKeyValidUntilUnixMs());
        FleetKeyStore.Learned learned;
        try {
            learned = keys.learn(key, previousValidUntil);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            counters.dropped("store_failed");
            print(err, "cannot store fleet key " + keyId + " from server " + server + " in " + keys.file() + ": "
                    + e.getMessage() + "; not acknowledged, so the server sends it again");
            return false;
        }
        switch (learned) {
            case NEW -> print(out, "fleet key " + keyId + " received from server " + server + "; key " + previous.id()
                    + (previousValidUntil.isAfter(clock.instant()) ? " valid until " + previousValidUntil : " no longer valid"));
            case ALREADY_HELD -> { } // the server's retransmission of a key we stored: the ACK is all it needs
            case NOT_NEWER -> {
                counters.dropped("not_newer");
                print(err, "fleet key " + keyId + " from server " + server + " is not newer than key " + previous.id()
                        + ", which this agent signs with; ignored");
            }
            case CONFLICT -> {
                counters.dropped("key_conflict");
                print(err, "fleet key " + keyId + " from server " + server + " differs from the key " + keyId
                        + " this agent holds; ignored");
            }
        }
        return true;
    }

    private static void print(PrintWriter writer, String line) {
        writer.println(line);
        writer.flush();
    }
}
