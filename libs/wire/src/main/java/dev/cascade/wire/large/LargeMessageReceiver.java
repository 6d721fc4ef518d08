package dev.cascade.wire.large;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * The receiving end of a large-message port: verifies each datagram, feeds FRAGMENTs to a
 * {@link Reassembler}, and sends FRAGMENT_ACKs to the fragment's source address, tagged with the key
 * that authenticated the fragments (docs/protocol.md §10.4). Datagrams that fail verification are
 * dropped silently here; a gateway that counts or REJECTs them wraps {@link #handle}. Not thread-safe:
 * one receive loop per socket.
 */
public final class LargeMessageReceiver {

    private final DatagramSocket socket;
    private final KeyRing keys;
    private final DatagramVerifier verifier;
    private final Reassembler reassembler;
    private final UUID receiverId;
    private final SequenceCounter sequences;
    private final Clock clock;
    /** Where each sender with a message in reassembly sends from: progress acks go there. */
    private final Map<UUID, SocketAddress> replyAddresses = new HashMap<>();
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];

    public LargeMessageReceiver(DatagramSocket socket, KeyRing keys, DatagramVerifier verifier, Reassembler reassembler,
                                UUID receiverId, SequenceCounter sequences, Clock clock) {
        this.socket = socket;
        this.keys = keys;
        this.verifier = verifier;
        this.reassembler = reassembler;
        this.receiverId = receiverId;
        this.sequences = sequences;
        this.clock = clock;
    }

    /**
     * Receives one datagram (or waits at most the ack delay), handles it and sends the progress acks
     * that became due. Returns the message it completed, if any.
     */
    public Optional<LargeMessage> receiveOnce() throws IOException {
        socket.setSoTimeout((int) Math.max(1, reassembler.limits().ackDelay().toMillis()));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        Optional<LargeMessage> completed = Optional.empty();
        try {
            socket.receive(packet);
            completed = handle(buffer, packet.getLength(), packet.getSocketAddress());
        } catch (SocketTimeoutException e) {
            // nothing arrived: only the due acks below
        }
        sendDueAcks();
        return completed;
    }

    /** Handles one received datagram: sends the ack it calls for and returns the message it completed, if any. */
    public Optional<LargeMessage> handle(byte[] data, int length, SocketAddress source) throws IOException {
        if (!(verifier.verify(data, length) instanceof Verification.Accepted accepted)) {
            return Optional.empty();
        }
        Datagram datagram = accepted.datagram();
        Optional<WireKey> key = keys.find(datagram.header().keyId(), clock.instant());
        if (key.isEmpty()) {
            return Optional.empty(); // retired between the two look-ups
        }
        UUID sender = datagram.header().senderId();
        FragmentResult result = reassembler.accept(datagram, key.get(), clock.instant());
        if (reassembler.messagesInProgress(sender) > 0) {
            replyAddresses.put(sender, source);
        } else {
            replyAddresses.remove(sender);
        }
        Optional<FragmentAck> ack = result.ackNow();
        if (ack.isPresent()) {
            send(ack.get(), key.get(), source);
        }
        return result instanceof FragmentResult.Completed done ? Optional.of(done.message()) : Optional.empty();
    }

    /** Sends every progress ack that is due now; returns how many were sent. */
    public int sendDueAcks() throws IOException {
        int sent = 0;
        for (PendingAck pending : reassembler.dueAcks(clock.instant())) {
            SocketAddress address = replyAddresses.get(pending.sender());
            Optional<WireKey> key = keys.find(pending.keyId(), clock.instant());
            if (address != null && key.isPresent()) {
                send(pending.ack(), key.get(), address);
                sent++;
            }
        }
        replyAddresses.keySet().removeIf(sender -> reassembler.messagesInProgress(sender) == 0);
        return sent;
    }

    private void send(FragmentAck ack, WireKey key, SocketAddress to) throws IOException {
        byte[] datagram = DatagramCodec.encode(MessageType.FRAGMENT_ACK, receiverId, key, sequences.next(),
                clock.millis(), ack.toByteArray());
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }
}
