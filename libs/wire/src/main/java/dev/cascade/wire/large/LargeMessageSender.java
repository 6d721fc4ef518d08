package dev.cascade.wire.large;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * Sends one large message as FRAGMENT datagrams and retransmits selectively (docs/protocol.md §10).
 * Round 1 sends every fragment in paced bursts; each later round resends exactly the fragments the
 * fullest ack so far lacks (acks only grow while the receiver holds the message, so the fullest is the latest),
 * or, when no ack came at all, one probe fragment whose arrival makes the receiver ack. Every
 * retransmission is a new datagram with a new sequence number. The socket should be bound to the
 * sender's large-reply port: the receiver acks to the fragments' source address. Not thread-safe:
 * one message at a time per socket.
 */
public final class LargeMessageSender {

    private final DatagramSocket socket;
    private final UUID senderId;
    private final KeyRing keys;
    private final KeyPurpose purpose;
    private final SequenceCounter sequences;
    private final Clock clock;
    private final Fragmenter fragmenter;
    private final SendSettings settings;
    private final DatagramVerifier ackVerifier;
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];

    public LargeMessageSender(DatagramSocket socket, UUID senderId, WireKey key, SequenceCounter sequences, Clock clock,
                              Fragmenter fragmenter, SendSettings settings) {
        this(socket, senderId, KeyRing.of(key), key.purpose(), sequences, clock, fragmenter, settings);
    }

    /**
     * Signs each message with the current {@code purpose} key of {@code keys} when it starts (every fragment of one
     * message with the same key), so a key delivered while the sender runs is used from the next message on; acks
     * verify with any valid key of the ring.
     */
    public LargeMessageSender(DatagramSocket socket, UUID senderId, KeyRing keys, KeyPurpose purpose,
                              SequenceCounter sequences, Clock clock, Fragmenter fragmenter, SendSettings settings) {
        this.socket = socket;
        this.senderId = senderId;
        this.keys = keys;
        this.purpose = purpose;
        this.sequences = sequences;
        this.clock = clock;
        this.fragmenter = fragmenter;
        this.settings = settings;
        // No clock check, as for small-message replies: only an ack naming this exchange's message id counts.
        this.ackVerifier = new DatagramVerifier(keys, new ReplayGuard(1024), ChronoUnit.FOREVER.getDuration(),
                clock, Set.of(MessageType.FRAGMENT_ACK));
    }

    public LargeDelivery send(MessageType type, byte[] payload, InetSocketAddress receiver) throws IOException {
        // A sequence number is unique for this sender across restarts, so it makes a message id that is too.
        FragmentedMessage message = fragmenter.split(type, payload, sequences.next());
        WireKey key = keys.current(purpose).orElseThrow(() -> new IllegalStateException(
                "no current " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " key to sign a large message with"));
        DeliveryProgress progress = new DeliveryProgress(message);
        try {
            return SelectiveRetransmission.run(progress, settings,
                    index -> {
                        byte[] datagram = message.datagram(index, senderId, key, sequences, clock);
                        socket.send(new DatagramPacket(datagram, datagram.length, receiver));
                    },
                    (millis, done) -> readAcks(progress, millis, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sending a large message");
        }
    }

    /** Reads acks from the socket into {@code progress} for up to {@code millis}, or until finished or {@code stop}. */
    private void readAcks(DeliveryProgress exchange, long millis, BooleanSupplier stop) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!exchange.finished() && !stop.getAsBoolean()) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (ackVerifier.verify(buffer, packet.getLength()) instanceof Verification.Accepted accepted) {
                try {
                    exchange.consider(FragmentAck.parseFrom(accepted.datagram().payload()));
                } catch (InvalidProtocolBufferException e) {
                    // an ack we cannot parse tells us nothing; keep reading
                }
            }
        }
    }
}
