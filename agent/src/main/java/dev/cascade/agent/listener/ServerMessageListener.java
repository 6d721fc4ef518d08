package dev.cascade.agent.listener;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;

import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramEventId;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * The agent's small-message port (34325): the messages the server starts (docs/protocol.md §14, §15, §16.4).
 * Every datagram passes §6's checks with the agent's fleet keys (a replay window per sender), then its payload
 * rules; one that fails is dropped and counted, never answered unless it authenticated, and nothing a sender
 * puts in a datagram ends the loop. What is accepted is ACKed to its source address (the server's 34322),
 * tagged with the key that verified it, {@code Ack.event_id} derived from its header as in §6.1; a payload
 * that breaks a rule gets an authenticated REJECT {@code MALFORMED_PAYLOAD} naming the field.
 * CLIENT_ACTIVATION changes the agent's key ({@link ClientActivationHandler}); DEPLOYMENT_NOTICE and
 * SOURCE_PLAN are logged, handed to {@link DeploymentMessages} (the deployment follower) and acknowledged.
 */
public final class ServerMessageListener implements Runnable {

    /** The most senders whose replay windows are kept: the gateway replicas, and a margin. */
    private static final int MAX_SENDERS = 1024;
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);
    /** A REJECT's detail is cut to this: the agent answers, it does not amplify. */
    private static final int MAX_DETAIL = 200;

    private final DatagramSocket socket;
    private final UUID deviceId;
    private final SequenceCounter sequences;
    private final Clock clock;
    private final DatagramVerifier verifier;
    private final ClientActivationHandler activations;
    private final ServerMessageCounters counters = new ServerMessageCounters();
    private final PrintWriter out;
    private final PrintWriter err;
    private final DeploymentMessages deployments;

    /** A listener that acknowledges and logs content messages without acting on them. */
    public ServerMessageListener(DatagramSocket socket, UUID deviceId, FleetKeyStore keys, SequenceCounter sequences,
                                 Clock clock, PrintWriter out, PrintWriter err) {
        this(socket, deviceId, keys, sequences, clock, out, err, DeploymentMessages.NONE);
    }

    /**
     * @param socket    bound to the agent's small-message port; closing it ends {@link #run}
     * @param sequences   the agent's one sequence counter: its ACKs are datagrams from the same sender id
     * @param deployments takes the accepted DEPLOYMENT_NOTICEs and SOURCE_PLANs
     */
    public ServerMessageListener(DatagramSocket socket, UUID deviceId, FleetKeyStore keys, SequenceCounter sequences,
                                 Clock clock, PrintWriter out, PrintWriter err, DeploymentMessages deployments) {
        this.deployments = deployments;
        this.socket = socket;
        this.deviceId = deviceId;
        this.sequences = sequences;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.verifier = new DatagramVerifier(keys.ring(), new ReplayGuard(MAX_SENDERS), MAX_SKEW, clock,
                EnumSet.of(MessageType.CLIENT_ACTIVATION, MessageType.DEPLOYMENT_NOTICE, MessageType.SOURCE_PLAN));
        this.activations = new ClientActivationHandler(keys, clock, counters, out, err);
    }

    public ServerMessageCounters counters() {
        return counters;
    }

    /** Receives until the socket is closed. */
    @Override
    public void run() {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    counters.dropped("failed");
                }
                continue;
            }
            try {
                handle(buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
            } catch (RuntimeException e) {
                // a bug must not stop the port: the next datagram (or the server's retransmission) gets its turn
                counters.dropped("failed");
                print(err, "server message from " + packet.getSocketAddress() + " failed: " + e);
            }
        }
    }

    void handle(byte[] data, int length, InetSocketAddress from) {
        counters.received();
        Verification verification = verifier.verify(data, length);
        if (verification instanceof Verification.Dropped dropped) {
            counters.dropped(dropped.reason().label());
            return;
        }
        Verification.Accepted accepted = (Verification.Accepted) verification;
        Datagram datagram = accepted.datagram();
        act(datagram.type(), datagram.payload(), datagram.header(), accepted.key(), from, socket);
    }

    /**
     * Applies the payload rules to one authenticated message and acts on it: a small one as received here, or a large
     * one (§10) reassembled on the large-message port ({@code header}: the completing fragment's, whose sequence the
     * answer names, sent from {@code via} to the fragment's source).
     */
    void act(MessageType type, byte[] payload, Header header, WireKey key, InetSocketAddress from, DatagramSocket via) {
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);
        if (decoded instanceof DecodedPayload.Malformed malformed) {
            counters.dropped("malformed_payload");
            print(err, type + " from " + from + " refused: " + malformed.detail());
            reply(MessageType.REJECT, Reject.newBuilder().setReason(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD)
                    .setRejectedSequence(header.sequence())
                    .setDetail(shorten(type + ": " + malformed.detail())) // the server cannot tell which message it was
                    .setServerTimeUnixMs(clock.millis()).build().toByteArray(), key, from, via);
            return;
        }
        boolean ack = switch (type) {
            case CLIENT_ACTIVATION -> activations.handle((ClientActivation) message(decoded));
            case DEPLOYMENT_NOTICE -> {
                DeploymentNotice notice = (DeploymentNotice) message(decoded);
                print(out, "deployment " + notice.getDeploymentId() + " of content " + notice.getContent().getContentId()
                        + " announced by the server (" + notice.getContent().getPieceHashesCount() + " pieces)");
                deployments.notice(notice);
                yield true;
            }
            case SOURCE_PLAN -> {
                SourcePlan plan = (SourcePlan) message(decoded);
                print(out, "source plan for content " + plan.getContentId() + ": " + plan.getAction() + ", "
                        + plan.getSourcesCount() + " sources");
                deployments.plan(plan);
                yield true;
            }
            default -> throw new IllegalStateException(type + " passed a verifier that does not accept it");
        };
        if (ack) {
            reply(MessageType.ACK, Ack.newBuilder().setAckedSequence(header.sequence())
                    .setEventId(DatagramEventId.of(header).toString()).build().toByteArray(), key, from, via);
        }
    }

    private void reply(MessageType type, byte[] payload, WireKey key, InetSocketAddress to, DatagramSocket via) {
        byte[] datagram = DatagramCodec.encode(type, deviceId, key, sequences.next(), clock.millis(), payload);
        // counted before the send, so that whoever reads the answer also reads the count
        if (type == MessageType.ACK) {
            counters.acked();
        } else {
            counters.rejected();
        }
        try {
            via.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            counters.dropped("send_failed"); // the server retransmits; this answer goes with the next one
        }
    }

    private static com.google.protobuf.Message message(DecodedPayload decoded) {
        return ((DecodedPayload.Valid) decoded).message();
    }

    private static String shorten(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    private static void print(PrintWriter writer, String line) {
        writer.println(line);
        writer.flush();
    }
}
