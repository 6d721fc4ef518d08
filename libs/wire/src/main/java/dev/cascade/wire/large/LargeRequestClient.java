package dev.cascade.wire.large;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.ReplyMatcher;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * A request sent as a large message, answered like a small one (docs/protocol.md §10.1): the fragments
 * go out through {@link LargeMessageSender}, then the receiver's ACK or REJECT arrives on the same
 * socket (the sender's large-reply port), naming the sequence number of whichever fragment completed
 * the message. The sender cannot know which one that was, so it takes any answer naming a sequence
 * number it used for this attempt. When the message was delivered but no answer came (the receiver could
 * not make it durable), the next attempt sends the whole message again as a new message. Not thread-safe.
 */
public final class LargeRequestClient {

    private final DatagramSocket socket;
    private final SequenceCounter sequences;
    private final LargeMessageSender sender;
    private final ReplyMatcher replies;
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];

    /** {@code socket}: bound to the sender's large-reply port (34335 for a peer, foreground). */
    public LargeRequestClient(DatagramSocket socket, UUID senderId, WireKey key, SequenceCounter sequences, Clock clock,
                              SendSettings settings) {
        this(socket, senderId, KeyRing.of(key), key.purpose(), sequences, clock, settings);
    }

    /** Signs each message with the ring's current {@code purpose} key at the time it is sent (keys delivered while it runs). */
    public LargeRequestClient(DatagramSocket socket, UUID senderId, KeyRing keys, KeyPurpose purpose, SequenceCounter sequences,
                              Clock clock, SendSettings settings) {
        this.socket = socket;
        this.sequences = sequences;
        this.sender = new LargeMessageSender(socket, senderId, keys, purpose, sequences, clock, new Fragmenter(), settings);
        this.replies = new ReplyMatcher(keys, clock);
    }

    /**
     * Sends {@code payload} as a large {@code type} message to {@code receiver} (its large-message port) up to
     * {@code maxAttempts} times, waiting {@code answerTimeout} for the answer after each delivery.
     *
     * @return {@link Reply.Acked} or {@link Reply.Rejected} as for a small message; {@link Reply.Refused} when
     *         the receiver refused the fragments; {@link Reply.NoAnswer} when no attempt got an answer
     */
    public Reply send(MessageType type, byte[] payload, InetSocketAddress receiver, int maxAttempts,
                      Duration answerTimeout) throws IOException {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            // every sequence number this attempt uses lies strictly between these two
            long floor = sequences.next();
            LargeDelivery delivery = sender.send(type, payload, receiver);
            if (delivery instanceof LargeDelivery.Refused refused) {
                return new Reply.Refused(refused.reason(), attempt);
            }
            if (delivery instanceof LargeDelivery.Delivered) {
                long ceiling = sequences.next();
                Reply reply = awaitAnswer(floor, ceiling, answerTimeout, attempt);
                if (reply != null) {
                    return reply;
                }
            }
        }
        return new Reply.NoAnswer(maxAttempts);
    }

    private Reply awaitAnswer(long floor, long ceiling, Duration timeout, int attempt) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
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
            // late FRAGMENT_ACKs of the delivered message also arrive here: they match nothing
            Reply reply = replies.match(buffer, packet.getLength(), sequence -> sequence > floor && sequence < ceiling,
                    attempt);
            if (reply != null) {
                return reply;
            }
        }
    }
}
