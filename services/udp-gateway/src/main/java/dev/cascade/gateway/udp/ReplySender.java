package dev.cascade.gateway.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * Sends the gateway's ACK and REJECT datagrams to the source address of the datagram they answer,
 * from the socket that datagram arrived on (one ReplySender per port; the sequence counter and the
 * REJECT rate limiter are shared by all, as the gateway has one sender id).
 * REJECTs pass the per-source {@link SourceRateLimiter} and are {@link RejectMessages#fit fitted}
 * to at most {@link #REJECT_SLACK_BYTES} more than the datagram they answer; ACKs are neither
 * (they answer authenticated, fresh, unreplayed datagrams only, so their source is not forged).
 */
public final class ReplySender {

    private static final Logger LOG = Logger.getLogger(ReplySender.class);
    /** How much larger than its request a REJECT may be: no amplification worth a reflector's while. */
    public static final int REJECT_SLACK_BYTES = 32;

    private final GatewaySocket socket;
    private final UUID serverId;
    private final SequenceCounter sequences;
    private final SourceRateLimiter limiter;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public ReplySender(GatewaySocket socket, UUID serverId, SequenceCounter sequences, SourceRateLimiter limiter,
                       GatewayMetrics metrics, Clock clock) {
        this.socket = socket;
        this.serverId = serverId;
        this.sequences = sequences;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** An ACK tagged with {@code key}, the key that authenticated the acknowledged datagram. */
    public void ack(InetSocketAddress target, WireKey key, Ack ack) {
        send(MessageType.ACK, DatagramCodec.encode(MessageType.ACK, serverId, key, sequences.next(), clock.millis(),
                ack.toByteArray()), target);
    }

    /**
     * A FRAGMENT_ACK tagged with {@code key}, the key that authenticated the fragments. Not rate limited:
     * it answers authenticated, fresh, unreplayed fragments only, and is never larger than what it reports
     * (protocol.md §10.3).
     */
    public void fragmentAck(InetSocketAddress target, WireKey key, FragmentAck ack) {
        send(MessageType.FRAGMENT_ACK, DatagramCodec.encode(MessageType.FRAGMENT_ACK, serverId, key, sequences.next(),
                clock.millis(), ack.toByteArray()), target);
    }

    /** A REJECT tagged with the key that authenticated the refused datagram of {@code requestLength} bytes. */
    public void rejectSigned(InetSocketAddress target, WireKey key, Reject reject, int requestLength) {
        fitted(target, reject, requestLength).ifPresent(payload -> send(MessageType.REJECT,
                DatagramCodec.encode(MessageType.REJECT, serverId, key, sequences.next(), clock.millis(), payload),
                target));
    }

    /** A REJECT with key id 0 for a datagram that did not authenticate: a diagnostic for the operator. */
    public void rejectUnauthenticated(InetSocketAddress target, Reject reject, int requestLength) {
        fitted(target, reject, requestLength).ifPresent(payload -> send(MessageType.REJECT,
                DatagramCodec.encodeUnauthenticated(MessageType.REJECT, serverId, sequences.next(), clock.millis(),
                        payload), target));
    }

    /** The payload to send, or empty (counted as suppressed) if the source is over its rate or the request too small. */
    private Optional<byte[]> fitted(InetSocketAddress target, Reject reject, int requestLength) {
        Optional<Reject> fitted = RejectMessages.fit(reject, requestLength + REJECT_SLACK_BYTES);
        if (fitted.isEmpty() || !limiter.tryAcquire(target.getAddress())) {
            metrics.replySuppressed();
            return Optional.empty();
        }
        return Optional.of(fitted.get().toByteArray());
    }

    private void send(MessageType type, byte[] datagram, InetSocketAddress target) {
        try {
            socket.send(datagram, target);
            metrics.replySent(type);
        } catch (IOException e) {
            metrics.replySendFailed();
            LOG.debugf("cannot send %s to %s: %s", type, target, e.getMessage());
        }
    }
}
