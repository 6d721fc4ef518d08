package dev.cascade.agent.listener;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.LargeMessage;
import dev.cascade.wire.large.LargeMessageReceiver;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;

/**
 * The agent's large-message port (34337, protocol.md §10, §14): the server sends a DEPLOYMENT_NOTICE or SOURCE_PLAN
 * that does not fit one datagram (thousands of piece hashes) as fragments here. Each fragment is verified with the
 * fleet keys and acknowledged (FRAGMENT_ACK); a completed message is checked and acted on exactly as on the
 * small-message port ({@link ServerMessageListener#act}), and its ACK or REJECT names the completing fragment and
 * goes to that fragment's source (the server's large-reply port). Other message types are not reassembled.
 */
public final class LargeServerMessages implements Runnable {

    /** An endpoint holds little in reassembly: two notices of the largest size at once. */
    private static final ReassemblyLimits LIMITS = ReassemblyLimits.DEFAULTS.withMaxBytesTotal(32L << 20);
    /** Offsets of the sequence number and the timestamp in the header (protocol.md §2.1). */
    private static final int SEQUENCE_OFFSET = 28;
    private static final int TIMESTAMP_OFFSET = 36;

    private final DatagramSocket socket;
    private final FleetKeyStore keys;
    private final ServerMessageListener listener;
    private final Clock clock;
    private final PrintWriter err;
    private final LargeMessageReceiver receiver;

    /**
     * @param socket   bound to the agent's large-message port; closing it ends {@link #run}
     * @param listener the small-message listener, whose rules and hand-over apply to completed messages
     */
    public LargeServerMessages(DatagramSocket socket, UUID deviceId, FleetKeyStore keys, SequenceCounter sequences,
                               ServerMessageListener listener, Clock clock, PrintWriter err) {
        this.socket = socket;
        this.keys = keys;
        this.listener = listener;
        this.clock = clock;
        this.err = err;
        DatagramVerifier verifier = new DatagramVerifier(keys.ring(), new ReplayGuard(1024), Duration.ofSeconds(300), clock,
                Set.of(MessageType.FRAGMENT));
        this.receiver = new LargeMessageReceiver(socket, keys.ring(), verifier,
                new Reassembler(LIMITS, Set.of(MessageType.DEPLOYMENT_NOTICE, MessageType.SOURCE_PLAN)), deviceId,
                sequences, clock);
    }

    /** Receives until the socket is closed. */
    @Override
    public void run() {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!socket.isClosed()) {
            try {
                socket.setSoTimeout((int) Math.max(1, LIMITS.ackDelay().toMillis()));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    handle(buffer, packet);
                } catch (SocketTimeoutException e) {
                    // nothing arrived: only the progress acks that are due
                }
                receiver.sendDueAcks();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    print("large server message: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // a bug must not stop the port: the server sends the message again
                print("large server message failed: " + e);
            }
        }
    }

    private void handle(byte[] buffer, DatagramPacket packet) throws IOException {
        boolean headerRead = packet.getLength() >= Header.SIZE;
        // the completing fragment's sequence and time: the answer names it, and the event id derives from them
        long sequence = headerRead ? ByteBuffer.wrap(buffer, SEQUENCE_OFFSET, 8).getLong() : 0;
        long timestamp = headerRead ? ByteBuffer.wrap(buffer, TIMESTAMP_OFFSET, 8).getLong() : 0;
        Optional<LargeMessage> completed = receiver.handle(buffer, packet.getLength(), packet.getSocketAddress());
        if (completed.isEmpty()) {
            return;
        }
        LargeMessage message = completed.get();
        Optional<WireKey> key = keys.ring().find(message.keyId(), clock.instant());
        if (key.isEmpty()) {
            return; // retired since the fragments were verified: the server sends it again with a current key
        }
        Header header = new Header(DatagramCodec.PROTOCOL_VERSION, message.type().code(), 0, message.sender(),
                message.keyId(), sequence, timestamp, message.payload().length);
        listener.act(message.type(), message.payload(), header, key.get(), (InetSocketAddress) packet.getSocketAddress(),
                socket);
    }

    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
