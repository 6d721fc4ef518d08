package dev.cascade.cli.connector;

import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.RetryPolicy;
import dev.cascade.wire.SequenceCounter;

/**
 * One run of a connector command: its bound socket, keys and id, and the server it talks to. Turns every outcome
 * other than the one asked for into a {@link ConnectorException} whose message says what happened and what to check.
 */
final class ConnectorSession implements AutoCloseable {

    private final DatagramSocket socket;
    private final UUID connectorId;
    private final ConnectorKeys keys;
    private final ServerAddress server;
    private final int serverLargePort;
    private final int attempts;
    private final Duration timeout;
    private final ConnectorExchange exchange;

    ConnectorSession(DatagramSocket socket, UUID connectorId, ConnectorKeys keys, ServerAddress server, int serverLargePort,
                     int attempts, Duration timeout) {
        this.socket = socket;
        this.connectorId = connectorId;
        this.keys = keys;
        this.server = server;
        this.serverLargePort = serverLargePort;
        this.attempts = attempts;
        this.timeout = timeout;
        this.exchange = new ConnectorExchange(socket, connectorId, keys.signing(), keys.ring(), new SequenceCounter(),
                Clock.systemUTC());
    }

    ConnectorKeys keys() {
        return keys;
    }

    UUID connectorId() {
        return connectorId;
    }

    ServerAddress server() {
        return server;
    }

    /** Sends a request and returns the server's verified result of {@code resultType}, or throws saying why not. */
    ExchangeOutcome.Answered ask(MessageType type, byte[] payload, MessageType resultType) {
        ExchangeOutcome outcome;
        try {
            outcome = exchange.request(type, payload, server.socketAddress(), policy(), resultType, timeout);
        } catch (IOException e) {
            throw new ConnectorException("cannot send to " + server + ": " + e.getMessage(), e);
        }
        if (outcome instanceof ExchangeOutcome.Answered answered) {
            return answered;
        }
        throw new ConnectorException(describe(outcome, server.toString()));
    }

    /** Sends a request that is answered by an ACK only; {@code large} sends it to the large-message port (§10). */
    void deliver(MessageType type, byte[] payload, boolean large) {
        ExchangeOutcome outcome;
        String where = large ? server.host() + ":" + serverLargePort : server.toString();
        try {
            outcome = large
                    ? exchange.requestLarge(type, payload, server.at(serverLargePort), attempts, timeout)
                    : exchange.request(type, payload, server.socketAddress(), policy(), null, timeout);
        } catch (IOException e) {
            throw new ConnectorException("cannot send to " + where + ": " + e.getMessage(), e);
        }
        if (!(outcome instanceof ExchangeOutcome.Acknowledged)) {
            throw new ConnectorException(describe(outcome, where));
        }
    }

    private RetryPolicy policy() {
        return new RetryPolicy(attempts, RetryPolicy.DEFAULT.initialTimeout(), RetryPolicy.DEFAULT.maxTimeout(),
                RetryPolicy.DEFAULT.jitter());
    }

    private String describe(ExchangeOutcome outcome, String where) {
        if (outcome instanceof ExchangeOutcome.NoAnswer none) {
            return "no answer from " + where + " after " + none.attempts() + " attempt" + (none.attempts() == 1 ? "" : "s")
                    + " (is the gateway running, and is the connector key right?)";
        }
        if (outcome instanceof ExchangeOutcome.NoResult none) {
            String waited = none.waitedMillis() % 1000 == 0 ? none.waitedMillis() / 1000 + " s" : none.waitedMillis() + " ms";
            return "the server acknowledged the request but sent no result within " + waited
                    + " (is activation-service running? --timeout waits longer)";
        }
        if (outcome instanceof ExchangeOutcome.Refused refused) {
            return "the gateway at " + where + " would not reassemble the message: " + refused.refusal().name()
                    .replace("FRAGMENT_REFUSAL_", "");
        }
        if (outcome instanceof ExchangeOutcome.Rejected rejected) {
            return rejection(rejected.reject(), rejected.authenticated());
        }
        return "unexpected answer " + outcome;
    }

    private String rejection(Reject reject, boolean authenticated) {
        StringBuilder text = new StringBuilder("the server refused: ")
                .append(reject.getReason().name().replace("REJECT_REASON_", "").toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!reject.getDetail().isEmpty()) {
            text.append(": ").append(reject.getDetail());
        }
        if (reject.getReason() == RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION && reject.hasSupportedClientVersions()) {
            text.append(" (this connector is version ").append(ConnectorVersions.CONNECTOR_VERSION)
                    .append("; the server supports ").append(reject.getSupportedClientVersions().getMin()).append("..")
                    .append(reject.getSupportedClientVersions().getMax()).append(')');
        }
        if (reject.getReason() == RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION
                && reject.hasSupportedProtocolVersions()) {
            text.append(" (the server speaks protocol ").append(reject.getSupportedProtocolVersions().getMin()).append("..")
                    .append(reject.getSupportedProtocolVersions().getMax()).append(')');
        }
        if (reject.getReason() == RejectReason.REJECT_REASON_STALE_TIMESTAMP && reject.getServerTimeUnixMs() != 0) {
            text.append(" (this clock is ").append((System.currentTimeMillis() - reject.getServerTimeUnixMs()) / 1000)
                    .append(" s ahead of the server's)");
        }
        if (!authenticated) {
            text.append(" [unauthenticated reply: the server could not verify the request; check the connector key ")
                    .append(keys.signing().id()).append(" in ").append(keys.file()).append(']');
        }
        return text.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
