package dev.cascade.gateway.large;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.MessageHandler;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentResult;
import dev.cascade.wire.large.LargeMessage;

/**
 * FRAGMENT datagrams on one large-message port (docs/protocol.md §10): within the source's fragment
 * rate, into the shared {@link FragmentReassembly}; the ack a fragment calls for at once (complete,
 * refusal) goes back to its source from this port's socket, tagged with the fragment's key. A completed
 * message is handed to the small-messages port's handler of its type, exactly as if it had arrived
 * there in one datagram: same validation, REJECTs, Kafka event and ACK after Kafka.
 *
 * <p>The completed message is presented as one datagram with the header of the fragment that completed it
 * (sender, key id, sequence number, timestamp) and the whole type and payload. So the event's sequence
 * and event id, a REJECT's {@code rejected_sequence} and the ACK's {@code acked_sequence} are that fragment's
 * sequence number, and both go to that fragment's source address (the sender's large-reply port). protocol.md
 * §10 does not say which sequence a large message's ACK names; this is the choice, and it keeps one datagram =
 * one event id: the completing fragment is accepted once (replay window) and completes the message once
 * (completed memory).
 */
public final class FragmentHandler implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(FragmentHandler.class);

    private final FragmentReassembly reassembly;
    private final Map<MessageType, MessageHandler> wholeMessages;
    private final SourceRateLimiter fragmentLimit;
    private final ReplySender replies;
    private final RejectMessages rejects;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /** {@code wholeMessages}: the handler of each type a large message may have (the small-messages port's routes). */
    public FragmentHandler(FragmentReassembly reassembly, Map<MessageType, MessageHandler> wholeMessages,
                           SourceRateLimiter fragmentLimit, ReplySender replies, RejectMessages rejects,
                           GatewayMetrics metrics, Clock clock) {
        this.reassembly = reassembly;
        this.wholeMessages = new EnumMap<>(wholeMessages);
        this.fragmentLimit = fragmentLimit;
        this.replies = replies;
        this.rejects = rejects;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos) {
        if (!fragmentLimit.tryAcquire(source.getAddress())) {
            metrics.dropped(DropReason.RATE_LIMITED); // no answer: the sender's next round resends what is missing
            return;
        }
        Fragment fragment;
        try {
            fragment = Fragment.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD); // no message id to refuse: nothing to answer
            return;
        }
        Header header = datagram.header();
        FragmentResult result = reassembly.accept(header.senderId(), key, fragment, source, replies);
        if (result instanceof FragmentResult.Held held) {
            metrics.accepted(MessageType.FRAGMENT);
            metrics.fragment(held.added() ? "held" : "duplicate");
        } else if (result instanceof FragmentResult.AlreadyComplete again) {
            metrics.accepted(MessageType.FRAGMENT);
            metrics.fragment("already_complete");
            sendAck(source, key, again.ack(), "complete");
        } else if (result instanceof FragmentResult.Refused refused) {
            metrics.fragment("refused");
            metrics.fragmentRefusal(refusalLabel(refused.ack()));
            MessageType.fromCode(fragment.getMessageType()).ifPresent(type -> metrics.largeMessage(type, "refused"));
            LOG.debugf("refused fragment %d of message %d from %s (%s): %s", fragment.getIndex(),
                    fragment.getMessageId(), header.senderId(), source, refused.detail());
            sendAck(source, key, refused.ack(), "refusal");
        } else if (result instanceof FragmentResult.Dropped dropped) {
            metrics.dropped(dropped.reason());
            if (dropped.reason() == DropReason.UNKNOWN_KEY) { // §6 check 7, applied to the whole message's type
                replies.rejectUnauthenticated(source, rejects.authenticationFailed(header, dropped.reason(),
                        clock.millis()), Header.SIZE + header.payloadLength() + Header.TAG_SIZE);
            }
        } else {
            FragmentResult.Completed completed = (FragmentResult.Completed) result;
            metrics.accepted(MessageType.FRAGMENT);
            metrics.fragment("completed");
            sendAck(source, key, completed.ack(), "complete");
            dispatch(completed.message(), header, key, source, receivedNanos);
        }
    }

    private void dispatch(LargeMessage message, Header completing, WireKey key, InetSocketAddress source,
                          long receivedNanos) {
        metrics.largeMessage(message.type(), "completed");
        Header whole = new Header(DatagramCodec.PROTOCOL_VERSION, message.type().code(), 0, message.sender(),
                message.keyId(), completing.sequence(), completing.timestampMillis(), message.payload().length);
        // the reassembler accepts only the types wholeMessages has handlers for
        wholeMessages.get(message.type()).handle(new Datagram(whole, message.type(), message.payload()), key, source,
                receivedNanos);
    }

    private void sendAck(InetSocketAddress source, WireKey key, FragmentAck ack, String kind) {
        replies.fragmentAck(source, key, ack);
        metrics.fragmentAckSent(kind);
    }

    /** FRAGMENT_REFUSAL_TOO_LARGE -> too_large. */
    private static String refusalLabel(FragmentAck ack) {
        return ack.getRefusal().name().replaceFirst("^FRAGMENT_REFUSAL_", "").toLowerCase(Locale.ROOT);
    }
}
