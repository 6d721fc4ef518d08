package dev.cascade.cli.demo.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.Link;
import dev.cascade.testkit.netns.Namespace;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.Segment;

/**
 * A {@link NamespacePlan} made real in a {@link NamespaceLab}: the LANs as bridges, the routers with forwarding on and
 * {@code tc tbf} on both legs, the hosts, every route, and this process's namespace on every office LAN at {@code .1}
 * (veth pairs whose other end is a port of the LAN's bridge). Counts the frames every router leg sent. Closing it
 * deletes every namespace, and with them the bridges, this process's legs and their routes.
 *
 * <p>Every interface has the MTU {@value #MTU} (a jumbo frame): the agents size their blocks from their own interface's
 * MTU (docs/protocol.md §17.3), and the loopback variant's blocks are this size too (loopback's MTU, capped at a jumbo
 * frame) — so both variants move the same datagrams, and thirty agent JVMs on two cores handle a sixth of the
 * datagrams 1 500-byte frames would take.
 */
public final class OfficeLab implements AutoCloseable {

    public static final int MTU = 9_000;
    /** The network every demo office is in: the CLI's namespace must not hold an address or route in it already. */
    private static final String DEMO_RANGE = "10.42.0.0/16";

    private final NamespacePlan plan;
    private final NamespaceLab lab;
    private final String ip;
    /** The lab's namespace holding the bridges (NamespaceLab's "switch"). */
    private final String switchNamespace;
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private final Map<String, Namespace> hosts = new LinkedHashMap<>();
    /** Per router: the switch ports of its down leg (frames into the office) and its up leg (frames towards the parent). */
    private final Map<NamespacePlan.Router, String[]> legPorts = new LinkedHashMap<>();
    private Map<String, FrameCount> baseline = Map.of();

    private OfficeLab(NamespacePlan plan, NamespaceLab lab, String ip) {
        this.plan = plan;
        this.lab = lab;
        this.ip = ip;
        this.switchNamespace = lab.prefix() + "-switch";
    }

    /**
     * Builds {@code plan}, each WAN leg shaped with {@code queue} as its queue; on any failure deletes what it built
     * and throws {@link IllegalStateException} naming the step.
     */
    public static OfficeLab build(NamespacePlan plan, Duration queue) {
        NamespaceLab lab = NamespaceLab.open("demo");
        OfficeLab built = null;
        try {
            built = new OfficeLab(plan, lab, CommandRunner.find("ip").orElseThrow().toString());
            built.checkRangeFree();
            built.build(queue);
            return built;
        } catch (RuntimeException e) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void checkRangeFree() {
        String taken = CommandRunner.runOrThrow(List.of(ip, "-4", "route", "show", "root", DEMO_RANGE));
        if (!taken.isBlank()) {
            throw new IllegalStateException("this machine's network namespace already routes addresses in " + DEMO_RANGE
                    + ", the demo offices' network (another 'cascade demo --netns' running?): " + taken.lines().findFirst()
                    .orElse(""));
        }
    }

    private void build(Duration queue) {
        int legs = 0;
        for (NamespacePlan.Lan lan : plan.lans()) {
            Segment segment = lab.segment(lan.name());
            segments.put(lan.name(), segment);
            if (lan.rootAddress().isPresent()) {
                joinRoot(segment, lan.rootAddress().get(), ++legs);
            }
        }
        for (NamespacePlan.Router router : plan.routers()) {
            Namespace namespace = lab.namespace(router.namespace());
            Link up = jumbo(lab.connect(namespace, segments.get(router.upLan()), router.upAddress()));
            Link down = jumbo(lab.connect(namespace, segments.get(router.downLan()), router.downAddress()));
            namespace.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            TokenBucket bucket = new TokenBucket(router.bitsPerSecond(), queue, MTU);
            for (Link leg : List.of(up, down)) {
                namespace.exec(bucket.tcCommand(leg.device()).toArray(String[]::new));
            }
            legPorts.put(router, new String[] {down.peer(), up.peer()});
        }
        for (NamespacePlan.Host host : plan.hosts()) {
            Namespace namespace = lab.namespace(host.namespace());
            jumbo(lab.connect(namespace, segments.get(host.lan()), host.address()));
            for (NamespacePlan.Route route : host.routes()) {
                namespace.ip("route", "add", route.destination(), "via", route.via());
            }
            hosts.put(host.namespace(), namespace);
        }
        for (NamespacePlan.Router router : plan.routers()) {
            Namespace namespace = lab.namespaces().stream().filter(n -> n.shortName().equals(router.namespace()))
                    .findFirst().orElseThrow();
            for (NamespacePlan.Route route : router.routes()) {
                namespace.ip("route", "add", route.destination(), "via", route.via());
            }
        }
        for (NamespacePlan.Route route : plan.rootRoutes()) {
            CommandRunner.runOrThrow(List.of(ip, "route", "add", route.destination(), "via", route.via()));
        }
        baseline = portCounters(); // what setting up sent (router solicitations, ARP) is not the demo's
    }

    /**
     * This process's leg into {@code segment}: a veth pair from its namespace to a port of the bridge. The name in this
     * namespace must be unique on the machine and at most 15 characters: "cas", the process id, "d", a number.
     */
    private void joinRoot(Segment segment, String address, int number) {
        String here = "cas" + ProcessHandle.current().pid() % 1_000_000 + "d" + number;
        String there = "t" + segment.name();
        CommandRunner.runOrThrow(List.of(ip, "link", "add", here, "mtu", String.valueOf(MTU), "type", "veth", "peer", "name",
                there, "mtu", String.valueOf(MTU), "netns", switchNamespace));
        switchIp("link", "set", there, "master", segment.bridge());
        switchIp("link", "set", there, "up");
        CommandRunner.runOrThrow(List.of(ip, "addr", "add", address, "dev", here));
        CommandRunner.runOrThrow(List.of(ip, "link", "set", here, "up"));
    }

    private String switchIp(String... args) {
        List<String> command = new ArrayList<>(List.of(ip, "-n", switchNamespace));
        command.addAll(List.of(args));
        return CommandRunner.runOrThrow(command);
    }

    /** Both ends of {@code link} at the lab's MTU. */
    private Link jumbo(Link link) {
        link.namespace().ip("link", "set", link.device(), "mtu", String.valueOf(MTU));
        switchIp("link", "set", link.peer(), "mtu", String.valueOf(MTU));
        return link;
    }

    /** The namespace of the host at {@code address}, as {@code ip netns} names it. */
    public String hostNamespace(String address) {
        Namespace namespace = hosts.get(plan.host(address).namespace());
        if (namespace == null) {
            throw new IllegalArgumentException("no host " + address + " in the lab");
        }
        return namespace.name();
    }

    /** The prefix of every namespace of the lab. */
    public String prefix() {
        return lab.prefix();
    }

    /** Frames each router sent into the office it feeds since the lab was built. */
    public Map<NamespacePlan.Router, FrameCount> sentDown() {
        return sent(0);
    }

    /** Frames each router sent up towards the parent office since the lab was built. */
    public Map<NamespacePlan.Router, FrameCount> sentUp() {
        return sent(1);
    }

    private Map<NamespacePlan.Router, FrameCount> sent(int leg) {
        Map<String, FrameCount> now = portCounters();
        Map<NamespacePlan.Router, FrameCount> sent = new LinkedHashMap<>();
        legPorts.forEach((router, ports) -> {
            FrameCount at = now.getOrDefault(ports[leg], FrameCount.ZERO);
            sent.put(router, at.minus(baseline.getOrDefault(ports[leg], FrameCount.ZERO)));
        });
        return sent;
    }

    /** What every bridge port received, in one command: on a veth pair that is what the router's leg sent. */
    private Map<String, FrameCount> portCounters() {
        return FrameCount.receivedByInterface(switchIp("-s", "-j", "link", "show"));
    }

    /** Deletes every namespace of the lab (and with them the bridges, this process's legs and its routes through them). */
    @Override
    public void close() {
        lab.close();
    }
}
