package dev.cascade.cli.connector;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramEventId;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Reply;
import dev.cascade.wire.ReplyMatcher;
import dev.cascade.wire.RetryPolicy;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.LargeRequestClient;
import dev.cascade.wire.large.SendSettings;

/**
 * One connector request over the connector's socket (its port 34320): sent and retransmitted (protocol.md §6.2)
 * until the ACK or REJECT, then, for ACTIVATE, STATUS_REQUEST and KEY_ROTATION_REQUEST, the server's result message,
 * which arrives on the same socket from the gateway's outbound port (§14, §16). The result is accepted while
 * retransmitting too: the ACK can be lost while the result is not, and a retransmitted ACTIVATE is a new event that
 * would no longer carry the key. A result must verify with a connector key (the one that signed the request), be
 * fresh (±300 s) and not replayed; it is ACKed to its source address so that a server that re-sends stops.
 */
final class ConnectorExchange {

    static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private final DatagramSocket socket;
    private final UUID connectorId;
    private final WireKey signingKey;
    private final KeyRing keys;
    private final SequenceCounter sequences;
    private final Clock clock;
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];

    ConnectorExchange(DatagramSocket socket, UUID connectorId, WireKey signingKey, KeyRing keys, SequenceCounter sequences,
                      Clock clock) {
        this.socket = socket;
        this.connectorId = connectorId;
        this.signingKey = signingKey;
        this.keys = keys;
        this.sequences = sequences;
        this.clock = clock;
    }

    /**
     * Sends {@code payload} as a small {@code type} message to {@code server}; with a {@code resultType}, waits up to
     * {@code resultTimeout} after the ACK for that result.
     */
    ExchangeOutcome request(MessageType type, byte[] payload, InetSocketAddress server, RetryPolicy policy,
                            MessageType resultType, Duration resultTimeout) throws IOException {
        ReplyMatcher replies = new ReplyMatcher(signingKey, clock);
        DatagramVerifier results = resultType == null ? null
                : new DatagramVerifier(keys, new ReplayGuard(16), MAX_SKEW, clock, Set.of(resultType));
        Set<Long> mine = new HashSet<>();
        boolean acknowledged = false;
        int attempt = 0;
        while (!acknowledged && attempt < policy.maxAttempts()) {
            attempt++;
            long sequence = sequences.next();
            mine.add(sequence);
            byte[] datagram = DatagramCodec.encode(type, connectorId, signingKey, sequence, clock.millis(), payload);
            socket.send(new DatagramPacket(datagram, datagram.length, server));
            long deadline = System.nanoTime() + policy.timeoutAfter(attempt).toNanos();
            while (true) {
                Received received = receiveUntil(deadline);
                if (received == null) {
                    break;
                }
                Reply reply = replies.match(buffer, received.length, mine::contains, attempt);
                if (reply instanceof Reply.Rejected rejected) {
                    return new ExchangeOutcome.Rejected(rejected.reject(), rejected.authenticated());
                }
                if (reply instanceof Reply.Acked) {
                    acknowledged = true;
                    break;
                }
                ExchangeOutcome.Answered answered = result(results, received);
                if (answered != null) {
                    return answered;
                }
            }
        }
        if (!acknowledged) {
            return new ExchangeOutcome.NoAnswer(attempt);
        }
        if (resultType == null) {
            return new ExchangeOutcome.Acknowledged(attempt);
        }
        long deadline = System.nanoTime() + resultTimeout.toNanos();
        while (true) {
            Received received = receiveUntil(deadline);
            if (received == null) {
                return new ExchangeOutcome.NoResult(resultTimeout.toMillis());
            }
            // a late REJECT of an earlier attempt changes nothing: another attempt was accepted
            ExchangeOutcome.Answered answered = result(results, received);
            if (answered != null) {
                return answered;
            }
        }
    }

    /**
     * Sends {@code payload} as a large {@code type} message (§10) to the gateway's large-message port, from this same
     * socket: the FRAGMENT_ACKs and the final ACK come back to the fragments' source address.
     */
    ExchangeOutcome requestLarge(MessageType type, byte[] payload, InetSocketAddress largePort, int attempts,
                                 Duration answerTimeout) throws IOException {
        LargeRequestClient client = new LargeRequestClient(socket, connectorId, signingKey, sequences, clock,
                SendSettings.DEFAULTS);
        Reply reply = client.send(type, payload, largePort, attempts, answerTimeout);
        if (reply instanceof Reply.Acked acked) {
            return new ExchangeOutcome.Acknowledged(acked.attempts());
        }
        if (reply instanceof Reply.Rejected rejected) {
            return new ExchangeOutcome.Rejected(rejected.reject(), rejected.authenticated());
        }
        if (reply instanceof Reply.Refused refused) {
            return new ExchangeOutcome.Refused(refused.refusal());
        }
        return new ExchangeOutcome.NoAnswer(((Reply.NoAnswer) reply).attempts());
    }

    private ExchangeOutcome.Answered result(DatagramVerifier results, Received received) throws IOException {
        if (results == null || !(results.verify(buffer, received.length) instanceof Verification.Accepted accepted)) {
            return null;
        }
        Datagram datagram = accepted.datagram();
        byte[] ack = DatagramCodec.encode(MessageType.ACK, connectorId, accepted.key(), sequences.next(), clock.millis(),
                Ack.newBuilder().setAckedSequence(datagram.header().sequence())
                        .setEventId(DatagramEventId.of(datagram.header()).toString()).build().toByteArray());
        socket.send(new DatagramPacket(ack, ack.length, received.source));
        return new ExchangeOutcome.Answered(datagram, accepted.key());
    }

    private Received receiveUntil(long deadlineNanos) throws IOException {
        long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            return null;
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, remainingMs)));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Received(packet.getLength(), packet.getSocketAddress());
    }

    private record Received(int length, SocketAddress source) {
    }
}
