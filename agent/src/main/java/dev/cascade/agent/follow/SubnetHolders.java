package dev.cascade.agent.follow;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryProbe;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.DiscoveryResult;
import dev.cascade.agent.discovery.Holder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.wire.KeyRing;

/**
 * A job's question to its subnet before a peer fetch round (protocol.md §12, seed 001): in a Standard or VPN office
 * it broadcasts DISCOVER for the content and adds the holders that answer — not this agent, not a peer the plan
 * already names, not one the job avoids — to the round's peers, with the pieces each said it holds, their bytes
 * counted as SAME_OFFICE_PEER. A Wi-Fi office broadcasts nothing: its jobs use the planner's list only. The office
 * type is asked each time: the agent learns it from every SOURCE_PLAN. Each question binds its own reply socket, so
 * jobs of several contents ask side by side; it costs one window (two when nobody answered the first broadcast).
 */
public final class SubnetHolders {

    /**
     * Where and how to ask.
     *
     * @param subnets       the agent's IPv4 subnets (the broadcast addresses asked)
     * @param discoveryPort the port the office's agents answer DISCOVER on (34329)
     * @param window        how long replies are collected after each broadcast
     * @param retries       broadcasts again this often when nobody answered
     */
    public record Settings(List<Ipv4Subnet> subnets, int discoveryPort, Duration window, int retries) {
        public Settings {
            subnets = List.copyOf(subnets);
        }

        /** The reference defaults (protocol.md §12.1): a 500 ms window, one more broadcast when nobody answered. */
        public static Settings defaults(List<Ipv4Subnet> subnets, int discoveryPort) {
            return new Settings(subnets, discoveryPort, Duration.ofMillis(500), 1);
        }
    }

    private final Settings settings;
    private final Supplier<DiscoveryPolicy> policy;
    private final InetAddress bind;
    private final UUID deviceId;
    private final Supplier<KeyRing> keys;
    private final Clock clock;

    /**
     * @param policy what the agent's office type allows now
     * @param bind   the local address to ask from (replies come back to it); a wildcard means every IPv4 address
     * @param keys   the fleet keys now: DISCOVER is signed with the current one, replies verified with any valid one
     */
    public SubnetHolders(Settings settings, Supplier<DiscoveryPolicy> policy, InetAddress bind, UUID deviceId,
                         Supplier<KeyRing> keys, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.bind = bind == null || bind.isAnyLocalAddress() ? DiscoveryResponder.IPV4_ANY : bind;
        this.deviceId = deviceId;
        this.keys = keys;
        this.clock = clock;
    }

    /** Never asks (discovery turned off, or no IPv4 subnet to ask in): the planner's list only. */
    public static SubnetHolders none() {
        return new SubnetHolders(new Settings(List.of(), 1, Duration.ofMillis(1), 0),
                () -> DiscoveryPolicy.parse("standard"), null, null, null, null); // no subnet: asks() is false
    }

    /** Whether a fetch round asks the subnet now: discovery is on and the office type broadcasts. */
    public boolean asks() {
        return !settings.subnets().isEmpty() && policy.get().broadcasts();
    }

    /**
     * {@code planned} and, when the office type broadcasts, the holders of {@code manifest}'s content that answered a
     * DISCOVER now, most useful first. A failure to ask is told to {@code say} and costs only the extra peers.
     *
     * @param avoided peers the job will not ask again (bad pieces, unreachable, refused)
     */
    public List<PlannedPeer> withHolders(ContentManifest manifest, List<PlannedPeer> planned, List<UUID> avoided,
                                         Consumer<String> say) {
        if (!asks()) {
            return planned;
        }
        String contentId = manifest.contentId();
        DiscoveryResult result;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            DiscoveryProbe.Settings probe = new DiscoveryProbe.Settings(settings.subnets(), settings.discoveryPort(),
                    settings.window(), settings.retries(), policy.get(), Duration.ofSeconds(300));
            result = new DiscoveryProbe(probe, socket, deviceId, keys.get(), clock).discover(contentId);
        } catch (IOException | IllegalArgumentException e) {
            say.accept("content " + contentId + ": cannot ask the subnet who holds it: " + e.getMessage());
            return planned;
        }
        Set<UUID> known = new HashSet<>(avoided);
        known.add(deviceId);
        planned.forEach(peer -> known.add(peer.deviceId()));
        List<PlannedPeer> peers = new ArrayList<>(planned);
        List<String> added = new ArrayList<>();
        for (Holder holder : result.holders()) {
            if (known.contains(holder.deviceId()) || holder.pieces().pieceCount() != manifest.pieceCount()) {
                continue; // a holder of another piece count holds another content under this id: not ours to copy
            }
            peers.add(new PlannedPeer(holder.deviceId(), new InetSocketAddress(holder.address(), holder.contentPort()),
                    SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER, holder.pieces()));
            added.add(holder.address().getHostAddress() + " (" + holder.pieces().heldCount() + "/"
                    + holder.pieces().pieceCount() + " pieces" + (holder.busy() ? ", busy" : "") + ")");
        }
        say.accept(summary(contentId, result, added));
        return peers;
    }

    private String summary(String contentId, DiscoveryResult result, List<String> added) {
        String asked = String.format(Locale.ROOT, "%d broadcast%s in %s", result.rounds(), result.rounds() == 1 ? "" : "s",
                settings.subnets().stream().map(Ipv4Subnet::toString).collect(Collectors.joining(", ")));
        if (result.notAsked().isPresent()) {
            return "content " + contentId + ": the subnet was not asked: " + result.notAsked().get();
        }
        if (result.holders().isEmpty()) {
            return "content " + contentId + ": no holder on the subnet answered (" + asked + ")";
        }
        return "content " + contentId + ": " + result.holders().size() + " holder" + (result.holders().size() == 1 ? "" : "s")
                + " on the subnet (" + asked + ")" + (added.isEmpty() ? ", none new to this round"
                : ", added " + String.join(", ", added));
    }
}
