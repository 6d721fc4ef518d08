package dev.cascade.agent.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.Ports;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * Asks the agent's subnets who holds a content (docs/protocol.md §12): broadcasts one DISCOVER to
 * each subnet's directed broadcast address, port 34329, naming the reply socket's port, and collects
 * the DISCOVER_REPLYs that arrive within a window — authenticated, not replayed, about this content,
 * from an address in one of those subnets, with a sound bitmap. If nobody answered, it broadcasts
 * once more (a broadcast can be lost, and nobody acknowledges it). In a Wi-Fi office it sends nothing.
 * One probe runs one discovery at a time on its reply socket.
 */
public final class DiscoveryProbe {

    /**
     * @param subnets       where to ask (IPv4; a /31 or /32 has no broadcast address and is skipped)
     * @param discoveryPort the responders' port (34329)
     * @param window        how long to collect replies after each broadcast
     * @param retries       extra broadcasts when nobody answered (0..3)
     * @param maxSkew       the allowed clock difference of a reply's timestamp
     */
    public record Settings(List<Ipv4Subnet> subnets, int discoveryPort, Duration window, int retries,
                           DiscoveryPolicy policy, Duration maxSkew) {

        public static final int MAX_RETRIES = 3;

        public Settings {
            subnets = List.copyOf(subnets);
            if (discoveryPort < 1 || discoveryPort > 65_535) {
                throw new IllegalArgumentException("discovery port " + discoveryPort + " is outside 1..65535");
            }
            if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("the reply window " + window.toMillis() + " ms is outside 1 ms..30 s");
            }
            if (retries < 0 || retries > MAX_RETRIES) {
                throw new IllegalArgumentException("retries " + retries + " is outside 0.." + MAX_RETRIES);
            }
        }

        /** Port 34329, a 500 ms window, one retry, 300 s skew. */
        public static Settings defaults(List<Ipv4Subnet> subnets, DiscoveryPolicy policy) {
            return new Settings(subnets, Ports.CLIENT_DISCOVERY, Duration.ofMillis(500), 1, policy, Duration.ofSeconds(300));
        }
    }

    private final Settings settings;
    private final DatagramSocket socket;
    private final UUID deviceId;
    private final WireKey key;
    private final Clock clock;
    private final DatagramVerifier verifier;
    private final SequenceCounter sequence = new SequenceCounter();

    /**
     * @param socket where replies arrive (its port goes into DISCOVER as {@code reply_port}, 34325 by default);
     *               the probe turns SO_BROADCAST on
     * @param keys   the fleet keys: the current one signs, every valid one verifies replies
     */
    public DiscoveryProbe(Settings settings, DatagramSocket socket, UUID deviceId, KeyRing keys, Clock clock)
            throws SocketException {
        this.settings = settings;
        this.socket = socket;
        this.deviceId = deviceId;
        this.key = keys.current(KeyPurpose.FLEET)
                .orElseThrow(() -> new IllegalArgumentException("discovery needs a current fleet key to sign DISCOVER"));
        this.clock = clock;
        this.verifier = new DatagramVerifier(keys, new ReplayGuard(4096), settings.maxSkew(), clock,
                Set.of(MessageType.DISCOVER_REPLY));
        socket.setBroadcast(true);
    }

    public DiscoveryResult discover(String contentId) throws IOException {
        if (contentId == null || contentId.isEmpty()) {
            throw new IllegalArgumentException("a content id is not empty");
        }
        DiscoveryCounters counters = new DiscoveryCounters();
        Optional<String> refusal = settings.policy().whyNotBroadcast();
        if (refusal.isPresent()) {
            return new DiscoveryResult(contentId, List.of(), List.of(), 0, refusal, List.of(), counters.snapshot());
        }
        List<String> notes = new ArrayList<>();
        List<InetSocketAddress> targets = new ArrayList<>();
        for (Ipv4Subnet subnet : settings.subnets()) {
            subnet.broadcast().ifPresentOrElse(
                    address -> targets.add(new InetSocketAddress(address, settings.discoveryPort())),
                    () -> notes.add(subnet + " has no broadcast address (/31 and /32 are all hosts): skipped"));
        }
        if (targets.isEmpty()) {
            return new DiscoveryResult(contentId, List.of(), List.of(), 0, Optional.of("no IPv4 subnet with a broadcast"
                    + " address to ask in (IPv6 has no broadcast; IPv6-only peers use the planner's list)"), notes,
                    counters.snapshot());
        }
        byte[] payload = Discover.newBuilder().setContentId(contentId).setReplyPort(socket.getLocalPort()).build()
                .toByteArray();
        Map<UUID, Holder> holders = new LinkedHashMap<>();
        int rounds = 0;
        int sentInAll = 0;
        while (rounds <= settings.retries() && holders.isEmpty()) {
            rounds++;
            int sent = 0;
            for (InetSocketAddress target : targets) {
                // a new datagram per address and round: one responder hearing two of them must not see a replay
                byte[] datagram = DatagramCodec.encode(MessageType.DISCOVER, deviceId, key, sequence.next(), clock.millis(),
                        payload);
                try {
                    socket.send(new DatagramPacket(datagram, datagram.length, target));
                    sent++;
                } catch (IOException e) {
                    notes.add("cannot broadcast to " + target.getAddress().getHostAddress() + ":" + target.getPort() + ": "
                            + e.getMessage());
                }
            }
            sentInAll += sent;
            if (sent == 0) {
                break;
            }
            collect(contentId, holders, counters);
        }
        Optional<String> notAsked = sentInAll == 0 ? Optional.of("no DISCOVER could be sent") : Optional.empty();
        List<Holder> sorted = holders.values().stream().sorted(Holder.MOST_USEFUL_FIRST).toList();
        return new DiscoveryResult(contentId, sorted, targets, rounds, notAsked, notes, counters.snapshot());
    }

    private void collect(String contentId, Map<UUID, Holder> holders, DiscoveryCounters counters) throws IOException {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long deadline = System.nanoTime() + settings.window().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            }
            accept(contentId, buffer, packet.getLength(), packet.getAddress(), counters)
                    .ifPresent(holder -> holders.putIfAbsent(holder.deviceId(), holder));
        }
    }

    /** The holder a reply names, or empty (counted by reason) when the reply is not one to trust. */
    Optional<Holder> accept(String contentId, byte[] data, int length, InetAddress from, DiscoveryCounters counters) {
        counters.received(length);
        if (settings.subnets().stream().noneMatch(subnet -> subnet.contains(from))) {
            counters.dropped(DiscoveryDrop.OFF_SUBNET);
            return Optional.empty();
        }
        Verification verification = verifier.verify(data, length);
        if (verification instanceof Verification.Dropped dropped) {
            counters.dropped(dropped.reason());
            return Optional.empty();
        }
        Verification.Accepted accepted = (Verification.Accepted) verification;
        DecodedPayload decoded = PayloadDecoder.decode(MessageType.DISCOVER_REPLY, accepted.datagram().payload());
        if (!(decoded instanceof DecodedPayload.Valid valid)) {
            counters.dropped(DropReason.MALFORMED_PAYLOAD);
            return Optional.empty();
        }
        DiscoverReply reply = (DiscoverReply) valid.message();
        if (!reply.getContentId().equals(contentId)) {
            counters.dropped(DiscoveryDrop.OTHER_CONTENT);
            return Optional.empty();
        }
        PieceBitmap pieces;
        try {
            pieces = PieceBitmap.fromWire(Integer.toUnsignedLong(reply.getPieceCount()), reply.getPieces().toByteArray());
        } catch (IllegalArgumentException e) {
            counters.dropped(DropReason.MALFORMED_PAYLOAD);
            return Optional.empty();
        }
        // a holder names at least one piece and a port to fetch it from (docs/protocol.md §12)
        if (pieces.heldCount() == 0 || reply.getContentPort() == 0) {
            counters.dropped(DropReason.MALFORMED_PAYLOAD);
            return Optional.empty();
        }
        counters.answered(0);
        return Optional.of(new Holder(accepted.datagram().header().senderId(), from, reply.getContentPort(), pieces,
                reply.getBusy()));
    }
}
