package dev.cascade.agent;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.agent.discovery.LocalSubnets;
import dev.cascade.agent.discovery.PieceInventory;
import dev.cascade.agent.follow.SubnetHolders;
import dev.cascade.wire.KeyRing;

/**
 * The running agent's broadcast discovery in its office (protocol.md §12): a {@link DiscoveryResponder} answering
 * DISCOVER on the discovery port with the verified pieces of the agent's cache, and the {@link SubnetHolders} its jobs
 * ask before each peer round.
 *
 * <p>A seed's library is not announced, only its cache: the seed's upload is the planner's to spend (one copy per
 * office, through the office's rendezvous point, issue 7). Answering from the library would let every peer of the
 * central office find the seed and copy from it directly — measured in LanDistributionNamespaceTest, 1 seed + 8
 * agents: the seed uploaded 4.7 copies instead of one. The library is still served to every peer a plan sends there.
 *
 * <p>Both follow the office type the agent knows now (the server names it in every SOURCE_PLAN) and its fleet key
 * ring as the server re-keys it. The subnet is the registered address's (the one the server places in
 * an office) when it is IPv4, else every IPv4 subnet of the machine; IPv6 alone means the planner's list only.
 */
final class OfficeDiscovery implements AutoCloseable {

    private final List<Ipv4Subnet> subnets;
    private final DiscoveryResponder responder;
    private final SubnetHolders holders;
    private final String state;

    private OfficeDiscovery(List<Ipv4Subnet> subnets, DiscoveryResponder responder, SubnetHolders holders, String state) {
        this.subnets = subnets;
        this.responder = responder;
        this.holders = holders;
        this.state = state;
    }

    /**
     * Starts answering on {@code port} (0: discovery off, nothing is bound and nothing broadcast).
     *
     * @param inventory   what DISCOVER is answered with: the cache's verified pieces
     * @param busy        whether every upload slot is taken (the reply says so)
     * @param contentPort the port those pieces are served on, named in every reply
     * @throws SocketException when the discovery port cannot be bound
     */
    static OfficeDiscovery start(AgentConfig config, int port, Supplier<DiscoveryPolicy> policy,
                                 UUID deviceId, KeyRing keys, PieceInventory inventory, BooleanSupplier busy,
                                 int contentPort) throws SocketException {
        if (port == 0) {
            return off("discovery off (--discovery-port 0): the planner's list only");
        }
        List<Ipv4Subnet> subnets = subnets(config);
        if (subnets.isEmpty()) {
            return off("no IPv4 subnet to discover in (IPv6 has no broadcast): the planner's list only");
        }
        DiscoveryResponder.Settings settings = DiscoveryResponder.Settings.defaults(subnets, policy)
                .withBind(new InetSocketAddress(DiscoveryResponder.IPV4_ANY, port)).withContentPort(contentPort);
        DiscoveryResponder responder = DiscoveryResponder.start(settings, deviceId, keys, inventory, busy);
        SubnetHolders holders = new SubnetHolders(SubnetHolders.Settings.defaults(subnets, port), policy, config.bind(),
                deviceId, () -> keys, Clock.systemUTC());
        return new OfficeDiscovery(subnets, responder, holders, "discovery on 0.0.0.0:" + port + " in "
                + subnets.stream().map(Ipv4Subnet::toString).collect(Collectors.joining(", "))
                + " (Standard offices answer and ask, VPN offices ask, Wi-Fi offices neither)");
    }

    private static OfficeDiscovery off(String why) {
        return new OfficeDiscovery(List.of(), null, SubnetHolders.none(), why);
    }

    private static List<Ipv4Subnet> subnets(AgentConfig config) throws SocketException {
        if (config.ip() instanceof Inet4Address) {
            return List.of(Ipv4Subnet.of(config.ip(), config.prefixLength()));
        }
        return LocalSubnets.detect();
    }

    /** What the jobs ask before each peer round. */
    SubnetHolders holders() {
        return holders;
    }

    List<Ipv4Subnet> subnets() {
        return subnets;
    }

    /** One line for the operator: where discovery runs, or why it does not. */
    String state() {
        return state;
    }

    /** The responder's counters ({@code received=… answered=… dropped.…}), or empty when discovery is off. */
    String counters() {
        return responder == null ? "" : responder.counters().snapshot().format();
    }

    @Override
    public void close() {
        if (responder != null) {
            responder.close();
        }
    }
}
