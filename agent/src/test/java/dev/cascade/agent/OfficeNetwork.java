package dev.cascade.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.Link;
import dev.cascade.testkit.netns.Namespace;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.Segment;
import dev.cascade.wire.WireKey;

/**
 * Several offices of real hosts joined by WAN links, in one {@link NamespaceLab}: each office a bridge with its own
 * /24 (unique per test JVM, as {@link OfficeLan}'s), the test JVM on every bridge ({@code .1}: one stand-in server
 * bound to the wildcard address serves every office, each agent names its own office's {@code .1}), and per
 * sub-office a router namespace with one leg in the parent's bridge and one ({@code .254}, the sub-office's way up)
 * in its own. Every host routes the other offices' subnets through its office's routers (down to a sub-office through
 * that sub-office's router, otherwise up through {@code .254}); routers route the same way, so an HQ host reaches
 * Branch-WiFi through two routers, never through the test JVM's namespace (whose addresses are only on-link ones).
 * Each router leg sends through {@code tc tbf} at the WAN rate (both directions), with a deep buffer as an edge
 * router's. Every interface has the same jumbo MTU ({@value #MTU}): the transfer sizes its blocks from the
 * requester's own interface (docs/protocol.md §17.3), so a large MTU on the WAN legs alone would change nothing.
 */
final class OfficeNetwork implements AutoCloseable {

    /** A jumbo frame: {@code BlockSizing}'s largest default datagram (8 972 bytes) fits it. */
    static final int MTU = 9_000;
    /** Bytes a UDP datagram over IPv4 costs on an Ethernet link beyond its payload: Ethernet 14, IPv4 20, UDP 8. */
    static final int FRAME_OVERHEAD = 14 + 20 + 8;
    private static final Pattern TX = Pattern.compile("\"tx\":\\{\"bytes\":(\\d+),\"packets\":(\\d+)");
    private static final AtomicInteger TEST_LEGS = new AtomicInteger();

    private final NamespaceLab lab;
    private final Path dir;
    private final WireKey key;
    private final String wanRate;
    private final String ip = CommandRunner.find("ip").orElseThrow().toString();
    private final Map<String, Office> offices = new LinkedHashMap<>();
    /** The routers' routes are in: the offices are complete. */
    private boolean routed;

    /** One office: its bridge, its subnet ({@code prefix} + host number), its parent and its uplink router. */
    final class Office {
        final String name;
        final Office parent;
        private final Segment segment;
        private final String prefix;
        private Namespace router;
        /** The uplink router's leg in the parent office (its address there), and the leg into this office. */
        private Link up;
        private Link down;
        private int hosts = 1;

        private Office(String name, Office parent, int index) {
            this.name = name;
            this.parent = parent;
            this.segment = lab.segment(name);
            // a /24 per office and per test JVM: the test JVM puts its .1 of each into the machine's namespace
            this.prefix = "10." + (221 + index) + "." + ProcessHandle.current().pid() % 250 + ".";
        }

        /** The test JVM's address in this office: the agents' server. */
        InetAddress testAddress() {
            try {
                return InetAddress.getByName(prefix + "1");
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        String subnet() {
            return prefix + "0/24";
        }

        /** A new host of the office, routed to every other office of the network. */
        Link host(String hostName) {
            if (!routed) {
                routeRouters();
                routed = true;
            }
            Namespace namespace = lab.namespace(hostName);
            Link link = jumbo(lab.connect(namespace, segment, prefix + ++hosts + "/24"));
            for (Office other : offices.values()) {
                if (other != this) {
                    namespace.ip("route", "add", other.subnet(), "via", nextHop(this, other));
                }
            }
            return link;
        }

        /** An agent on a new host of the office (not started), whose server is the test JVM's address here. */
        LanAgent agent(String agentName, String... extra) {
            return new LanAgent(agentName, host(agentName), dir, key, List.of(extra), testAddress());
        }

        /**
         * What the uplink router has sent into this office so far, read from its leg's interface counters: bytes
         * (link layer: Ethernet, IP and UDP headers included) and frames.
         */
        Counter fromParent() {
            if (router == null) {
                throw new IllegalStateException("office " + name + " is the central office: no WAN link above it");
            }
            Matcher tx = TX.matcher(router.ip("-s", "-j", "link", "show", "dev", down.device()));
            if (!tx.find()) {
                throw new IllegalStateException("ip -s -j link shows no tx counters for " + down.device() + " in " + router);
            }
            return new Counter(Long.parseLong(tx.group(1)), Long.parseLong(tx.group(2)));
        }

        @Override
        public String toString() {
            return name + " (" + subnet() + ")";
        }
    }

    /** Interface counters of one direction of a link. */
    record Counter(long bytes, long frames) {

        Counter minus(Counter before) {
            return new Counter(bytes - before.bytes, frames - before.frames);
        }

        /** The UDP payload those frames carried, assuming every frame is a UDP datagram over IPv4 (what the WAN carries). */
        long udpPayload() {
            return bytes - FRAME_OVERHEAD * frames;
        }
    }

    private OfficeNetwork(NamespaceLab lab, Path dir, WireKey key, String wanRate) {
        this.lab = lab;
        this.dir = dir;
        this.key = key;
        this.wanRate = wanRate;
    }

    /**
     * A network named {@code tag} (see {@link NamespaceLab#open}) whose WAN links send {@code wanRate} (tc syntax,
     * e.g. {@code 20mbit}) each way; add the offices, top first, before any host.
     */
    static OfficeNetwork open(String tag, Path dir, WireKey key, String wanRate) {
        return new OfficeNetwork(NamespaceLab.open(tag), dir, key, wanRate);
    }

    /** The central office. */
    Office central(String name) {
        if (!offices.isEmpty()) {
            throw new IllegalStateException("the network already has its central office " + offices.keySet().iterator().next());
        }
        return add(name, null);
    }

    /** A sub-office of {@code parent}, joined to it by a WAN link (a router with a tbf on each leg). */
    Office subOffice(String name, Office parent) {
        if (parent == null || offices.get(parent.name) != parent) {
            throw new IllegalArgumentException("the parent of " + name + " must be an office of this network");
        }
        if (!Pattern.matches("[a-z0-9]{1,9}", name)) {
            throw new IllegalArgumentException("sub-office name '" + name + "' must be 1-9 characters a-z, 0-9 (its router"
                    + " is 'r" + name + "')");
        }
        Office office = add(name, parent);
        office.router = lab.namespace("r" + name);
        // leg 0 in the parent (.253 down to .200: one per sub-office of the parent), leg 1 in the sub-office: .254
        long siblings = offices.values().stream().filter(o -> o.parent == parent).count();
        office.up = jumbo(lab.connect(office.router, parent.segment, parent.prefix + (254 - siblings) + "/24"));
        office.down = jumbo(lab.connect(office.router, office.segment, office.prefix + "254/24"));
        office.router.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        for (Link leg : List.of(office.up, office.down)) {
            // burst above one jumbo frame (tbf drops a packet larger than its bucket); a deep buffer (up to 400 ms)
            office.router.exec("tc", "qdisc", "replace", "dev", leg.device(), "root", "tbf", "rate", wanRate,
                    "burst", "128kbit", "latency", "400ms");
        }
        return office;
    }

    /**
     * Routes on every router, once every office is there: a router of office X (between its parent P and X) reaches an
     * office below X as a host of X would, any other as a host of P would.
     */
    private void routeRouters() {
        for (Office office : offices.values()) {
            if (office.router == null) {
                continue;
            }
            for (Office other : offices.values()) {
                if (other != office && other != office.parent) {
                    office.router.ip("route", "add", other.subnet(), "via",
                            nextHop(below(other, office) ? office : office.parent, other));
                }
            }
        }
    }

    private static boolean below(Office office, Office ancestor) {
        for (Office o = office.parent; o != null; o = o.parent) {
            if (o == ancestor) {
                return true;
            }
        }
        return false;
    }

    private Office add(String name, Office parent) {
        if (routed) {
            throw new IllegalStateException("add every office before the first host: hosts are routed when they join");
        }
        if (offices.containsKey(name)) {
            throw new IllegalArgumentException("the network already has an office '" + name + "'");
        }
        Office office = new Office(name, parent, offices.size());
        offices.put(name, office);
        joinTestJvm(office);
        return office;
    }

    /**
     * The next hop from a host of {@code from} to {@code to}: down through the router of {@code from}'s sub-office on
     * the way to {@code to}, or else up through {@code from}'s own router ({@code .254}).
     */
    private static String nextHop(Office from, Office to) {
        for (Office o = to; o != null && o.parent != null; o = o.parent) {
            if (o.parent == from) {
                return o.up.ip();
            }
        }
        if (from.router == null) {
            throw new IllegalArgumentException(to + " is not below the central office " + from);
        }
        return from.down.ip();
    }

    /** The test JVM's leg into {@code office}: a veth pair from the machine's namespace to the office bridge. */
    private void joinTestJvm(Office office) {
        String switchNamespace = lab.prefix() + "-switch";
        String here = "cas" + ProcessHandle.current().pid() % 1_000_000 + "n" + TEST_LEGS.incrementAndGet() % 100;
        String there = "t" + office.name;
        CommandRunner.runOrThrow(List.of(ip, "link", "add", here, "type", "veth", "peer", "name", there, "netns",
                switchNamespace));
        CommandRunner.runOrThrow(List.of(ip, "link", "set", here, "mtu", "" + MTU));
        CommandRunner.runOrThrow(List.of(ip, "-n", switchNamespace, "link", "set", there, "mtu", "" + MTU));
        CommandRunner.runOrThrow(List.of(ip, "-n", switchNamespace, "link", "set", there, "master",
                office.segment.bridge()));
        CommandRunner.runOrThrow(List.of(ip, "-n", switchNamespace, "link", "set", there, "up"));
        CommandRunner.runOrThrow(List.of(ip, "addr", "add", office.testAddress().getHostAddress() + "/24", "dev", here));
        CommandRunner.runOrThrow(List.of(ip, "link", "set", here, "up"));
    }

    /** Both ends of {@code link} (and so the bridge) at the network's MTU. */
    private Link jumbo(Link link) {
        link.namespace().ip("link", "set", link.device(), "mtu", "" + MTU);
        CommandRunner.runOrThrow(List.of(ip, "-n", lab.prefix() + "-switch", "link", "set", link.peer(), "mtu", "" + MTU));
        return link;
    }

    @Override
    public void close() {
        lab.close();
    }
}
