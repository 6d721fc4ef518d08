package dev.cascade.gateway.udp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Verification;

/**
 * One datagram received on one server port: verify it (the port's verifier accepts only the port's
 * message types), route it to its family's handler, count every drop by reason and answer the
 * drops a sender can act on. Malformed framing and replays get no answer: the first
 * may not come from a Cascade sender at all, and a replay's real sender already had its answer.
 */
public final class DatagramHandler {

    private final DatagramVerifier verifier;
    private final Map<MessageType, MessageHandler> routes;
    private final ReplySender replies;
    private final RejectMessages rejects;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /** {@code routes} must cover every type {@code verifier} accepts. */
    public DatagramHandler(DatagramVerifier verifier, Map<MessageType, MessageHandler> routes, ReplySender replies,
                           RejectMessages rejects, GatewayMetrics metrics, Clock clock) {
        this.verifier = verifier;
        this.routes = new EnumMap<>(routes);
        this.replies = replies;
        this.rejects = rejects;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Called on the port's receive thread; the replay windows behind the verifier are shared by all ports. */
    public void handle(byte[] data, int length, InetSocketAddress source, long receivedNanos) {
        Verification verification = verifier.verify(data, length);
        if (verification instanceof Verification.Accepted accepted) {
            Datagram datagram = accepted.datagram();
            MessageHandler handler = routes.get(datagram.type());
            if (handler == null) {
                metrics.dropped(DropReason.UNKNOWN_TYPE);
            } else {
                handler.handle(datagram, accepted.key(), source, receivedNanos);
            }
            return;
        }
        Verification.Dropped dropped = (Verification.Dropped) verification;
        metrics.dropped(dropped.reason());
        answer(dropped, data, length, source);
    }

    private void answer(Verification.Dropped dropped, byte[] data, int length, InetSocketAddress source) {
        Header header = dropped.header();
        long now = clock.millis();
        switch (dropped.reason()) {
            case UNKNOWN_KEY, BAD_TAG ->
                    replies.rejectUnauthenticated(source, rejects.authenticationFailed(header, dropped.reason(), now),
                            length);
            case UNSUPPORTED_VERSION -> replies.rejectUnauthenticated(source,
                    rejects.unsupportedProtocolVersion(data[4] & 0xFF, now), length);
            case STALE_TIMESTAMP -> verifier.keyOf(header).ifPresent(key ->
                    replies.rejectSigned(source, key, rejects.staleTimestamp(header, now), length));
            default -> {
                // BAD_MAGIC, BAD_LENGTH, REPLAY, UNKNOWN_TYPE: no answer
            }
        }
    }
}
