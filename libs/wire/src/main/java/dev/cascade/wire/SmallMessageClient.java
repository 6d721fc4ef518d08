package dev.cascade.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;

/**
 * Sends a small message and waits for its ACK or REJECT, retransmitting per {@link RetryPolicy}.
 * Each retransmission is a new datagram with a new sequence number (the receiver's replay window
 * drops exact repeats); an answer to any attempt ends the exchange. The socket should be bound to
 * the sender's reply port (34324 for a peer, 34320 for the connector): the server answers to the
 * datagram's source address.
 */
public final class SmallMessageClient {

    private final DatagramSocket socket;
    private final UUID senderId;
    private final WireKey key;
    private final SequenceCounter sequences;
    private final DatagramVerifier replyVerifier;
    private final Clock clock;

    public SmallMessageClient(DatagramSocket socket, UUID senderId, WireKey key, SequenceCounter sequences, Clock clock) {
        this.socket = socket;
        this.senderId = senderId;
        this.key = key;
        this.sequences = sequences;
        this.clock = clock;
        // No clock check on replies: a reply counts only if it names a sequence number of this exchange,
        // so an old reply cannot be replayed, and a STALE_TIMESTAMP reject must reach a sender whose clock is off.
        this.replyVerifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(1024), ChronoUnit.FOREVER.getDuration(),
                clock, Set.of(MessageType.ACK, MessageType.REJECT));
    }

    public Reply send(MessageType type, byte[] payload, InetSocketAddress server, RetryPolicy policy) throws IOException {
        java.util.Map<Long, Boolean> mine = new java.util.HashMap<>();
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            long sequence = sequences.next();
            mine.put(sequence, Boolean.TRUE);
            byte[] datagram = DatagramCodec.encode(type, senderId, key, sequence, clock.millis(), payload);
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
                Reply reply = interpret(buffer, packet.getLength(), mine, attempt);
                if (reply != null) {
                    return reply;
                }
            }
        }
        return new Reply.NoAnswer(policy.maxAttempts());
    }

    /** The answer this datagram carries for one of our sequence numbers, or null to keep waiting. */
    private Reply interpret(byte[] data, int length, java.util.Map<Long, Boolean> mine, int attempt) {
        Verification verification = replyVerifier.verify(data, length);
        try {
            if (verification instanceof Verification.Accepted accepted) {
                Datagram datagram = accepted.datagram();
                if (datagram.type() == MessageType.ACK) {
                    Ack ack = Ack.parseFrom(datagram.payload());
                    return mine.containsKey(ack.getAckedSequence()) ? new Reply.Acked(ack, attempt) : null;
                }
                Reject reject = Reject.parseFrom(datagram.payload());
                return mine.containsKey(reject.getRejectedSequence()) ? new Reply.Rejected(reject, true, attempt) : null;
            }
            Verification.Dropped dropped = (Verification.Dropped) verification;
            Header header = dropped.header();
            if (header != null && header.keyId() == DatagramCodec.UNAUTHENTICATED_KEY_ID
                    && header.typeCode() == MessageType.REJECT.code()) {
                byte[] payload = new byte[header.payloadLength()];
                System.arraycopy(data, Header.SIZE, payload, 0, payload.length);
                Reject reject = Reject.parseFrom(payload);
                // A receiver that cannot parse our header version cannot name our sequence number.
                boolean versionReject = reject.getReason() == RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION
                        && reject.getRejectedSequence() == 0;
                return versionReject || mine.containsKey(reject.getRejectedSequence())
                        ? new Reply.Rejected(reject, false, attempt) : null;
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            return null; // a reply we cannot parse is no answer; keep waiting
        }
    }
}
