package dev.cascade.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Sends a small message and waits for its ACK or REJECT, retransmitting per {@link RetryPolicy}.
 * Each retransmission is a new datagram with a new sequence number (the receiver's replay window
 * drops exact repeats); an answer to any attempt ends the exchange. The socket should be bound to
 * the sender's reply port (34324 for a peer, 34320 for the connector): the server answers to the
 * datagram's source address.
 *
 * <p>The keys come from a {@link KeyRing}, read at every send: each attempt is tagged with the ring's current
 * key of the sender's family (the highest id, protocol.md §16.1), and a reply verifies with any valid key of
 * the ring. A key learned while the sender runs (CLIENT_ACTIVATION, a rotation) is therefore used from the
 * next attempt on, and the reply to an attempt made with the previous key still verifies.
 */
public final class SmallMessageClient {

    private final DatagramSocket socket;
    private final UUID senderId;
    private final KeyRing keys;
    private final KeyPurpose purpose;
    private final SequenceCounter sequences;
    private final ReplyMatcher replies;
    private final Clock clock;

    /** A sender with one fixed key: it signs with {@code key} and verifies replies with it. */
    public SmallMessageClient(DatagramSocket socket, UUID senderId, WireKey key, SequenceCounter sequences, Clock clock) {
        this(socket, senderId, KeyRing.of(key), key.purpose(), sequences, clock);
    }

    /**
     * A sender that signs with {@code keys}' current key of {@code purpose} at each send and verifies replies
     * with any valid key of {@code keys}.
     */
    public SmallMessageClient(DatagramSocket socket, UUID senderId, KeyRing keys, KeyPurpose purpose,
                              SequenceCounter sequences, Clock clock) {
        if (purpose == KeyPurpose.ANY) {
            throw new IllegalArgumentException("a sender signs with one family's key: FLEET or CONNECTOR");
        }
        this.socket = socket;
        this.senderId = senderId;
        this.keys = keys;
        this.purpose = purpose;
        this.sequences = sequences;
        this.clock = clock;
        this.replies = new ReplyMatcher(keys, clock);
    }

    /** The key the next attempt will be tagged with. */
    public WireKey signingKey() {
        return keys.current(purpose).orElseThrow(() -> new IllegalStateException("the key ring holds no current "
                + purpose.name().toLowerCase(java.util.Locale.ROOT) + " key to sign with"));
    }

    public Reply send(MessageType type, byte[] payload, InetSocketAddress server, RetryPolicy policy) throws IOException {
        Set<Long> mine = new HashSet<>();
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            long sequence = sequences.next();
            mine.add(sequence);
            byte[] datagram = DatagramCodec.encode(type, senderId, signingKey(), sequence, clock.millis(), payload);
            socket.send(new DatagramPacket(datagram, datagram.length, server));
            long deadline = System.nanoTime() + policy.timeoutAfter(attempt).toNanos();
            while (true) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMs <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, remainingMs));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                Reply reply = replies.match(buffer, packet.getLength(), mine::contains, attempt);
                if (reply != null) {
                    return reply;
                }
            }
        }
        return new Reply.NoAnswer(policy.maxAttempts());
    }
}
