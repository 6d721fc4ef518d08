package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * The topology the system proposes from what peers report (seed 001): starting from the current
 * topology, one new Standard office under the central office for each observed subnet that no
 * office holds yet, named after the subnet ("10.1.2.0/24", id "10.1.2.0-24"). The admin downloads
 * it as the usual sheet, corrects it (types, hierarchy, names) and uploads it again.
 *
 * <p>Rules, in order: the server's subnet goes to the central office. Peers whose address an office
 * already holds are placed and add nothing. Subnets are taken most specific first, so where peers
 * report nested subnets (a /24 inside another peer's /16) the /24 becomes its own office and the
 * /16 office gets the rest: a wrong mask then splits a LAN, which costs speed, instead of joining
 * two sites, which would send LAN traffic over a WAN. An office gets only the parts of its subnet no
 * other office holds, as CIDR blocks or ranges. Peers without a usable mask (0, a host route /32 or
 * /128, or wider than /8 or IPv6 /16) propose nothing and stay in the central office; the proposal's
 * notes count them.
 */
public final class DetectedTopology {

    private static final int MIN_IPV4_PREFIX = 8;
    private static final int MIN_IPV6_PREFIX = 16;

    /**
     * @param topology       the current topology with the proposed offices added after it
     * @param addedOfficeIds the ids of the proposed offices, in topology order
     * @param notes          what was left out and why, for the admin
     */
    public record Proposal(Topology topology, List<String> addedOfficeIds, List<String> notes) {

        public Proposal {
            addedOfficeIds = List.copyOf(addedOfficeIds);
            notes = List.copyOf(notes);
        }
    }

    /** A subnet as an IPv4 or IPv6 prefix block. */
    private record Subnet(IPAddress block, int prefix) {

        String text() {
            return block.getLower().withoutPrefixLength().toCanonicalString() + "/" + prefix;
        }
    }

    /** IPv4 first, then the longest prefix, then by address: nested subnets give the inner one its office. */
    private static final Comparator<Subnet> MOST_SPECIFIC_FIRST = Comparator.comparing((Subnet s) -> s.block().isIPv6())
            .thenComparing(Subnet::prefix, Comparator.reverseOrder()).thenComparing(s -> s.block().getValue());

    private final Map<String, List<String>> skipped = new LinkedHashMap<>();
    private final AddressIntervals ipv4 = new AddressIntervals();
    private final AddressIntervals ipv6 = new AddressIntervals();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    private DetectedTopology(Topology current) {
        for (OfficeDefinition office : current.offices()) {
            ids.add(office.id().toLowerCase(Locale.ROOT));
            names.add(office.name().strip().toLowerCase(Locale.ROOT));
            for (SubnetRange range : office.ranges()) {
                intervals(range.first()).add(range.firstValue(), range.lastValue());
            }
        }
    }

    /**
     * @param current the topology to start from ({@link Topology#initial()} when there is none)
     * @param peers   the registered peers' interface addresses
     * @param server  the server's interface address, or null
     * @throws InvalidTopologyException only if {@code current} was not valid
     */
    public static Proposal propose(Topology current, Collection<ObservedAddress> peers, ObservedAddress server) {
        return new DetectedTopology(current).run(current, peers, server);
    }

    private Proposal run(Topology current, Collection<ObservedAddress> peers, ObservedAddress server) {
        List<OfficeDefinition> offices = new ArrayList<>(current.offices());
        List<String> notes = new ArrayList<>();
        if (server != null) {
            placeServer(current, server, offices, notes);
        }
        Set<String> seen = new HashSet<>();
        List<Subnet> ordered = new ArrayList<>();
        for (ObservedAddress peer : peers) {
            Subnet subnet = subnetOf(peer);
            if (subnet == null) {
                continue;
            }
            if (intervals(subnet.block()).contains(OfficeResolver.parse(peer.ip()).getValue())) {
                skip("are already in an office", peer);
            } else if (seen.add(subnet.text())) {
                ordered.add(subnet);
            }
        }
        ordered.sort(MOST_SPECIFIC_FIRST);
        List<String> added = new ArrayList<>();
        String centralId = current.central().id();
        for (Subnet subnet : ordered) {
            List<SubnetRange> parts = take(subnet.block());
            if (parts.isEmpty()) {
                continue; // more specific subnets took all of it
            }
            String id = unique(ids, idOf(subnet), "-");
            String name = unique(names, subnet.text(), " ");
            offices.add(OfficeDefinition.of(id, name, OfficeKind.STANDARD, centralId, parts));
            added.add(id);
        }
        skipped.forEach((reason, examples) -> notes.add(examples.size() + " peer address(es) " + reason + ", e.g. "
                + String.join(", ", examples.subList(0, Math.min(3, examples.size())))
                + (reason.startsWith("are already") ? "" : ": they propose no office and stay in the central office")));
        return new Proposal(Topology.of(offices), added, notes);
    }

    /** The central office gets the free parts of the server's subnet, unless one of its ranges holds the server already. */
    private void placeServer(Topology current, ObservedAddress server, List<OfficeDefinition> offices, List<String> notes) {
        Subnet subnet = unusable(server) == null ? subnetOf(server) : null;
        if (subnet == null) {
            notes.add("the server's address " + server.ip() + "/" + server.prefixLength()
                    + " gives no subnet: the central office is left as it was");
            return;
        }
        OfficeDefinition central = current.central();
        IPAddress ip = OfficeResolver.parse(server.ip());
        if (central.ranges().stream().anyMatch(range -> range.contains(ip))) {
            return;
        }
        if (intervals(ip).contains(ip.getValue())) {
            notes.add("the server's address " + server.ip() + " is in office \"" + current.resolver().resolve(server.ip())
                    .officeId() + "\", not in the central office: move that range to the central office");
            return;
        }
        List<SubnetRange> ranges = new ArrayList<>(central.ranges());
        ranges.addAll(take(subnet.block()));
        offices.set(offices.indexOf(central), central.withRanges(ranges));
    }

    /** The parts of {@code block} no office holds, now taken. */
    private List<SubnetRange> take(IPAddress block) {
        AddressIntervals taken = intervals(block);
        List<SubnetRange> parts = new ArrayList<>();
        for (BigInteger[] part : taken.free(block.getValue(), block.getUpperValue())) {
            parts.add(SubnetRange.between(address(block, part[0]), address(block, part[1])));
            taken.add(part[0], part[1]);
        }
        return parts;
    }

    /** The subnet of an observed address; null after noting why there is none. */
    private Subnet subnetOf(ObservedAddress observed) {
        String reason = unusable(observed);
        if (reason != null) {
            skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(observed.ip() + "/" + observed.prefixLength());
            return null;
        }
        IPAddress ip = OfficeResolver.parse(observed.ip());
        return new Subnet(ip.toPrefixBlock(prefixOf(observed, ip)), prefixOf(observed, ip));
    }

    /** Why an observed address gives no subnet, or null when it gives one. */
    private static String unusable(ObservedAddress observed) {
        IPAddress ip;
        try {
            ip = OfficeResolver.parse(observed.ip());
        } catch (IllegalArgumentException e) {
            return "are not IP addresses";
        }
        int prefix = prefixOf(observed, ip);
        int bits = ip.getBitCount();
        int widest = ip.isIPv4() ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
        if (prefix == 0) {
            return "have no subnet mask (prefix length 0)";
        } else if (prefix == bits) {
            return "have a host mask (/" + bits + ")";
        } else if (prefix < 0 || prefix > bits) {
            return "have an impossible prefix length";
        } else if (prefix < widest) {
            return "have a mask wider than /" + widest;
        }
        return null;
    }

    /** An IPv4-mapped IPv6 address reads as IPv4, so its IPv6 prefix length loses the 96 mapping bits. */
    private static int prefixOf(ObservedAddress observed, IPAddress ip) {
        return ip.isIPv4() && observed.ip().contains(":") ? observed.prefixLength() - 96 : observed.prefixLength();
    }

    private void skip(String reason, ObservedAddress observed) {
        skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(observed.ip() + "/" + observed.prefixLength());
    }

    private AddressIntervals intervals(IPAddress address) {
        return address.isIPv4() ? ipv4 : ipv6;
    }

    private static IPAddress address(IPAddress like, BigInteger value) {
        return like.isIPv4() ? new IPv4Address(value.intValue()) : new IPv6Address(value);
    }

    /**
     * An office id from a subnet: "10.1.2.0/24" gives "10.1.2.0-24", "2001:db8:1::/48" gives
     * "2001.db8.1..-48" (':' is not allowed in ids), "::/16"-like subnets get a leading "0".
     */
    static String idOf(Subnet subnet) {
        String id = subnet.text().replace(':', '.').replace('/', '-');
        return id.startsWith(".") ? "0" + id : id;
    }

    /** {@code base}, or base + separator + 2, 3, ... when taken (ignoring case); then taken. */
    private static String unique(Set<String> taken, String base, String separator) {
        String candidate = base;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + separator + (separator.isBlank() ? "(" + n + ")" : n);
        }
        return candidate;
    }
}
