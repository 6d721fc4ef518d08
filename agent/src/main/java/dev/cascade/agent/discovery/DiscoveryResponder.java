package dev.cascade.agent.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.Ports;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;

/**
 * Answers DISCOVER broadcasts (docs/protocol.md §12) on UDP 34329: for a content this agent holds
 * pieces of, a DISCOVER_REPLY with the piece bitmap, the busy flag and the content port, unicast to
 * the asker's address and reply port, tagged with the key that verified the DISCOVER.
 *
 * <p>Every datagram is checked in order: source in one of the agent's subnets, then the wire checks
 * (magic, version, length, key, tag, type DISCOVER, timestamp, per-sender replay window), not our own,
 * payload valid, office type allows answering, pieces held, reply fits one datagram, answer budget
 * in bytes (per source and in all). Anything failing is counted by reason and gets no answer; a datagram
 * that did not authenticate never gets any reply. Nothing a datagram contains can end the receive
 * loop; only {@link #close()} does.
 */
public final class DiscoveryResponder implements AutoCloseable {

    /**
     * @param bind         where to listen: the wildcard address (a socket bound to one address receives
     *                     no broadcasts), port 34329 by default, 0 for any free port
     * @param subnets      the agent's subnets: DISCOVERs from elsewhere are dropped ({@code off_subnet})
     * @param policy       what the office type allows, asked for each DISCOVER: the running agent's office type
     *                     follows the server's plans, so it may change while the responder runs
     * @param contentPort  the port serving content, carried in the reply (34760 by default)
     * @param maxSkew      the allowed clock difference of a DISCOVER's timestamp (300 s)
     * @param replaySenders senders whose replay windows are kept (least recently heard forgotten first)
     */
    public record Settings(InetSocketAddress bind, List<Ipv4Subnet> subnets, Supplier<DiscoveryPolicy> policy, int contentPort,
                           AnswerBudget.Limits limits, Duration maxSkew, int replaySenders) {

        public Settings {
            subnets = List.copyOf(subnets);
            if (policy == null) {
                throw new IllegalArgumentException("the responder needs the office type's policy");
            }
            if (subnets.isEmpty()) {
                throw new IllegalArgumentException("the responder needs at least one IPv4 subnet to answer in");
            }
            if (contentPort < 1 || contentPort > 65_535) {
                throw new IllegalArgumentException("content port " + contentPort + " is outside 1..65535");
            }
            if (replaySenders < 1) {
                throw new IllegalArgumentException("the responder must keep the replay window of at least 1 sender");
            }
        }

        /** The defaults of docs/protocol.md §12: 0.0.0.0:34329, content port 34760, 300 s skew, default limits. */
        public static Settings defaults(List<Ipv4Subnet> subnets, DiscoveryPolicy policy) {
            return defaults(subnets, () -> policy);
        }

        /** As {@link #defaults(List, DiscoveryPolicy)}, with the policy asked for each DISCOVER. */
        public static Settings defaults(List<Ipv4Subnet> subnets, Supplier<DiscoveryPolicy> policy) {
            return new Settings(new InetSocketAddress(IPV4_ANY, Ports.CLIENT_DISCOVERY), subnets, policy,
                    Ports.CLIENT_CONTENT_FOREGROUND, AnswerBudget.Limits.defaults(), Duration.ofSeconds(300), 4096);
        }

        public Settings withBind(InetSocketAddress newBind) {
            return new Settings(newBind, subnets, policy, contentPort, limits, maxSkew, replaySenders);
        }

        public Settings withContentPort(int newContentPort) {
            return new Settings(bind, subnets, policy, newContentPort, limits, maxSkew, replaySenders);
        }

        public Settings withLimits(AnswerBudget.Limits newLimits) {
            return new Settings(bind, subnets, policy, contentPort, newLimits, maxSkew, replaySenders);
        }
    }

    private static final int RECEIVE_BUFFER = 65_535;
    /** 0.0.0.0: discovery is IPv4 only, so the socket need not be a dual-stack one. */
    public static final InetAddress IPV4_ANY = ipv4Any();

    private final Settings settings;
    private final UUID deviceId;
    private final PieceInventory inventory;
    private final BooleanSupplier busy;
    private final Clock clock;
    private final DatagramSocket socket;
    private final DatagramVerifier verifier;
    private final AnswerBudget budget;
    private final SequenceCounter sequence = new SequenceCounter();
    private final DiscoveryCounters counters = new DiscoveryCounters();
    private final Thread receiver;

    private DiscoveryResponder(Settings settings, UUID deviceId, KeyRing keys, PieceInventory inventory,
                               BooleanSupplier busy, Clock clock, LongSupplier nanoTime, DatagramSocket socket) {
        this.settings = settings;
        this.deviceId = deviceId;
        this.inventory = inventory;
        this.busy = busy;
        this.clock = clock;
        this.socket = socket;
        this.verifier = new DatagramVerifier(keys, new ReplayGuard(settings.replaySenders()), settings.maxSkew(), clock,
                Set.of(MessageType.DISCOVER));
        this.budget = new AnswerBudget(settings.limits(), nanoTime);
        this.receiver = new Thread(this::receiveLoop, "discovery-responder");
        receiver.setDaemon(true);
    }

    /** Binds the socket (SO_REUSEADDR, so every agent on a machine hears the broadcasts) and starts answering. */
    public static DiscoveryResponder start(Settings settings, UUID deviceId, KeyRing keys, PieceInventory inventory,
                                           UploadSlots uploads) throws SocketException {
        return start(settings, deviceId, keys, inventory, uploads, Clock.systemUTC(), System::nanoTime);
    }

    /** As {@link #start(Settings, UUID, KeyRing, PieceInventory, UploadSlots)} with a given clock and timer (tests). */
    public static DiscoveryResponder start(Settings settings, UUID deviceId, KeyRing keys, PieceInventory inventory,
                                           UploadSlots uploads, Clock clock, LongSupplier nanoTime) throws SocketException {
        return start(settings, deviceId, keys, inventory, uploads::busy, clock, nanoTime);
    }

    /**
     * As {@link #start(Settings, UUID, KeyRing, PieceInventory, UploadSlots)}, with {@code busy} telling whether every
     * upload slot is taken (the running agent asks its piece server). {@code keys} is read for each DISCOVER: a ring
     * the agent re-keys in place ({@link KeyRing#replaceAll}) is followed.
     */
    public static DiscoveryResponder start(Settings settings, UUID deviceId, KeyRing keys, PieceInventory inventory,
                                           BooleanSupplier busy) throws SocketException {
        return start(settings, deviceId, keys, inventory, busy, Clock.systemUTC(), System::nanoTime);
    }

    private static DiscoveryResponder start(Settings settings, UUID deviceId, KeyRing keys, PieceInventory inventory,
                                            BooleanSupplier busy, Clock clock, LongSupplier nanoTime) throws SocketException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(settings.bind());
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        DiscoveryResponder responder = new DiscoveryResponder(settings, deviceId, keys, inventory, busy, clock,
                nanoTime, socket);
        responder.receiver.start();
        return responder;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public Settings settings() {
        return settings;
    }

    public DiscoveryCounters counters() {
        return counters;
    }

    private void receiveLoop() {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    counters.failed("receive failed: " + e);
                }
                continue;
            }
            try {
                handle(buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
            } catch (RuntimeException e) {
                // a bug must cost one datagram, not the agent's discovery: counted and kept for the operator
                counters.dropped(DiscoveryDrop.INTERNAL_ERROR);
                counters.failed("handling a datagram from " + packet.getSocketAddress() + " failed: " + e);
            }
        }
    }

    /** Checks one datagram and answers it if it earns an answer. Package-private: the receive loop and tests call it. */
    void handle(byte[] data, int length, InetSocketAddress source) {
        counters.received(length);
        InetAddress from = source.getAddress();
        if (settings.subnets().stream().noneMatch(subnet -> subnet.contains(from))) {
            counters.dropped(DiscoveryDrop.OFF_SUBNET);
            return;
        }
        Verification verification = verifier.verify(data, length);
        if (verification instanceof Verification.Dropped dropped) {
            counters.dropped(dropped.reason());
            return;
        }
        Verification.Accepted accepted = (Verification.Accepted) verification;
        Datagram datagram = accepted.datagram();
        if (datagram.header().senderId().equals(deviceId)) {
            counters.dropped(DiscoveryDrop.OWN_DISCOVER);
            return;
        }
        DecodedPayload decoded = PayloadDecoder.decode(MessageType.DISCOVER, datagram.payload());
        if (!(decoded instanceof DecodedPayload.Valid valid)) {
            counters.dropped(DropReason.MALFORMED_PAYLOAD);
            return;
        }
        Discover discover = (Discover) valid.message();
        if (!settings.policy().get().answers()) {
            counters.dropped(DiscoveryDrop.OFFICE_POLICY);
            return;
        }
        Optional<PieceBitmap> held = inventory.held(discover.getContentId());
        if (held.isEmpty()) {
            counters.dropped(DiscoveryDrop.NOT_HELD);
            return;
        }
        byte[] payload = reply(discover.getContentId(), held.get()).toByteArray();
        if (payload.length > DatagramCodec.MAX_PAYLOAD_SIZE) {
            counters.dropped(DiscoveryDrop.REPLY_TOO_LARGE);
            return;
        }
        byte[] answer = DatagramCodec.encode(MessageType.DISCOVER_REPLY, deviceId, accepted.key(), sequence.next(),
                clock.millis(), payload);
        if (!budget.tryTake(from, answer.length)) {
            counters.dropped(DropReason.RATE_LIMITED);
            return;
        }
        try {
            socket.send(new DatagramPacket(answer, answer.length, from, discover.getReplyPort()));
            counters.answered(answer.length);
        } catch (IOException e) {
            counters.dropped(DiscoveryDrop.SEND_FAILED);
            counters.failed("cannot answer " + from.getHostAddress() + ":" + discover.getReplyPort() + ": " + e.getMessage());
        }
    }

    /** The DISCOVER_REPLY payload for {@code pieces} of {@code contentId}, as it is sent. */
    DiscoverReply reply(String contentId, PieceBitmap pieces) {
        return DiscoverReply.newBuilder()
                .setContentId(contentId)
                .setPieceCount(pieces.pieceCount())
                .setPieces(ByteString.copyFrom(pieces.toWire()))
                .setBusy(busy.getAsBoolean())
                .setContentPort(settings.contentPort())
                .build();
    }


    private static InetAddress ipv4Any() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    /** Stops answering and frees the port. */
    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
