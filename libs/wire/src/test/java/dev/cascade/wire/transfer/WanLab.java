package dev.cascade.wire.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.Namespace;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.NamespaceProcess;

/**
 * A WAN between two offices in network namespaces: the holder's host in the parent office, a router, and the
 * requester's host in the sub-office, joined by two veth pairs. The router's egress towards the sub-office is the
 * bottleneck: {@code tc tbf rate RATE burst 32kbit latency 400ms}, a deep buffer (up to 400 ms of queue) as an edge
 * router's; the kernel here has no netem, so the path has no delay of its own and tbf's queue is all the delay there
 * is. Starts holder and fetcher JVMs ({@link WanHolderMain}, {@link WanFetcherMain}), ping and iperf3 inside.
 */
final class WanLab implements AutoCloseable {

    static final String HOLDER_IP = "10.75.1.2";
    static final String REQUESTER_IP = "10.75.2.2";
    static final int CONTENT_PORT = 24750;
    static final int IPERF_PORT = 25201;
    /** Long-running transfer JVMs: the full JIT (the lab's default child JVMs stop at C1), the serial collector. */
    private static final List<String> TRANSFER_JVM = List.of("-XX:+UseSerialGC", "-Xmx512m");
    private static final Pattern TBF_SENT = Pattern.compile("Sent (\\d+) bytes");

    private final NamespaceLab lab;
    final Namespace holder;
    final Namespace router;
    final Namespace office;
    final long rateBitsPerSecond;
    private final String tcpCongestion;

    private WanLab(NamespaceLab lab, String rate, String tcpCongestion) {
        this.lab = lab;
        this.holder = lab.namespace("holder");
        this.router = lab.namespace("router");
        this.office = lab.namespace("office");
        this.rateBitsPerSecond = bits(rate);
        pair(holder, "eth0", router, "eth0");
        pair(router, "eth1", office, "eth0");
        holder.ip("addr", "add", HOLDER_IP + "/24", "dev", "eth0");
        router.ip("addr", "add", "10.75.1.1/24", "dev", "eth0");
        router.ip("addr", "add", "10.75.2.1/24", "dev", "eth1");
        office.ip("addr", "add", REQUESTER_IP + "/24", "dev", "eth0");
        for (Namespace n : List.of(holder, office)) {
            n.ip("link", "set", "eth0", "up");
        }
        router.ip("link", "set", "eth0", "up");
        router.ip("link", "set", "eth1", "up");
        holder.ip("route", "add", "default", "via", "10.75.1.1");
        office.ip("route", "add", "default", "via", "10.75.2.1");
        router.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        router.exec("tc", "qdisc", "replace", "dev", "eth1", "root", "tbf", "rate", rate, "burst", "32kbit",
                "latency", "400ms");
        this.tcpCongestion = tcpCongestion;
    }

    /** Why the lab cannot run here (not root, no ip / tc / ping / iperf3), or empty. */
    static Optional<String> unavailableReason() {
        Optional<String> namespaces = NamespaceLab.unavailableReason();
        if (namespaces.isPresent()) {
            return namespaces;
        }
        for (String tool : List.of("tc", "ping", "iperf3")) {
            if (CommandRunner.find(tool).isEmpty()) {
                return Optional.of("the WAN lab needs '" + tool + "' (Debian packages iproute2, iputils-ping, iperf3)");
            }
        }
        return Optional.empty();
    }

    /**
     * A lab whose bottleneck sends {@code rate} (tc syntax, e.g. {@code 20mbit}) towards the sub-office, and whose TCP
     * flows use {@code tcpCongestion} (e.g. {@code cubic}, a loss-based flow that fills the buffer).
     */
    static WanLab open(String tag, String rate, String tcpCongestion) {
        NamespaceLab lab = NamespaceLab.open(tag);
        try {
            return new WanLab(lab, rate, tcpCongestion);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** A veth pair created directly in its two namespaces: nothing is added to the machine's own. */
    private static void pair(Namespace a, String deviceInA, Namespace b, String deviceInB) {
        String ip = CommandRunner.find("ip").orElseThrow().toString();
        CommandRunner.runOrThrow(List.of(ip, "link", "add", deviceInA, "netns", a.name(), "type", "veth", "peer", "name",
                deviceInB, "netns", b.name()));
    }

    /**
     * The router's link towards the sub-office carries at most {@code mtu} bytes while both hosts' interfaces say
     * 1 500, and the router's ICMP answers towards the holder ("fragmentation needed") are dropped (a tunnel behind a
     * firewall): every datagram from the holder larger than the path vanishes without a word.
     */
    void narrowPathWithoutIcmp(int mtu) {
        router.ip("link", "set", "eth1", "mtu", String.valueOf(mtu));
        // the kernel here has no tc actions to drop with: a routing rule blackholes the router's own ICMP instead
        router.ip("rule", "add", "ipproto", "icmp", "priority", "100", "blackhole");
    }

    /** Bytes the bottleneck has sent so far (link-layer bytes, as tbf counts them against its rate). */
    long bottleneckBytes() {
        Matcher sent = TBF_SENT.matcher(router.exec("tc", "-s", "qdisc", "show", "dev", "eth1"));
        if (!sent.find()) {
            throw new IllegalStateException("tc -s qdisc shows no 'Sent' counter on the bottleneck");
        }
        return Long.parseLong(sent.group(1));
    }

    /** The holder of a content generated from {@code seed}, serving on {@link #CONTENT_PORT}; returns once it serves. */
    Holder holder(ContentSpec content) throws InterruptedException {
        NamespaceProcess process = holder.start("holder", java(WanHolderMain.class, List.of(HOLDER_IP,
                String.valueOf(CONTENT_PORT), content.arg())));
        String ready = process.awaitLine(Pattern.compile("^serving "), Duration.ofSeconds(60));
        return new Holder(process, UUID.fromString(ready.substring("serving ".length()).trim()));
    }

    /**
     * A fetch of {@code content} from {@code from} with {@code mode} ("background" or "foreground"), after an
     * unmeasured fetch of its first {@code warmUpPieces} pieces; the measured fetch starts when it prints
     * {@code start}.
     */
    NamespaceProcess fetcher(Holder from, ContentSpec content, String mode, int warmUpPieces) {
        return office.start("fetcher-" + mode, java(WanFetcherMain.class, List.of(HOLDER_IP,
                String.valueOf(CONTENT_PORT), from.id().toString(), mode, content.arg(), String.valueOf(warmUpPieces))));
    }

    /** {@code ping -D -i 0.05} from the holder to the requester: every echo request waits in the bottleneck's queue. */
    NamespaceProcess ping() {
        return holder.start("ping", List.of("ping", "-D", "-n", "-i", "0.05", REQUESTER_IP));
    }

    /** An iperf3 server on the holder's host (it sends: the clients run with -R). */
    NamespaceProcess iperfServer() throws InterruptedException {
        NamespaceProcess server = holder.start("iperf3-server", List.of("iperf3", "-s", "-p",
                String.valueOf(IPERF_PORT), "--forceflush"));
        server.awaitLine(Pattern.compile("Server listening"), Duration.ofSeconds(10));
        return server;
    }

    /**
     * A TCP flow from the holder's host to the requester's for {@code seconds} with the lab's TCP congestion control,
     * reported every 100 ms by the receiving side ({@code iperf3 -R}: the client receives).
     */
    NamespaceProcess tcpFlow(int seconds) {
        // -C on the socket, not the namespace's sysctl: a namespace may only choose among the allowed controllers
        return office.start("iperf3", List.of("iperf3", "-c", HOLDER_IP, "-p", String.valueOf(IPERF_PORT), "-R", "-C",
                tcpCongestion, "-i", "0.1", "-t", String.valueOf(seconds), "-f", "k", "--forceflush"));
    }

    private static List<String> java(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TRANSFER_JVM);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    static long bits(String rate) {
        Matcher m = Pattern.compile("(\\d+)(kbit|mbit|gbit)").matcher(rate);
        if (!m.matches()) {
            throw new IllegalArgumentException("rate '" + rate + "' must be a number and kbit, mbit or gbit, e.g. 20mbit");
        }
        long unit = switch (m.group(2)) {
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    /** A content both ends generate from the same seed: {@code size} bytes in pieces of {@code piece}. */
    record ContentSpec(long seed, int size, int piece) {
        String arg() {
            return seed + ":" + size + ":" + piece;
        }

        static ContentSpec parse(String arg) {
            String[] parts = arg.split(":");
            return new ContentSpec(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        ContentFixture fixture() {
            return new ContentFixture("wan-" + seed, size, piece, seed);
        }
    }

    /** A running holder. */
    record Holder(NamespaceProcess process, UUID id) {
    }

    @Override
    public void close() {
        lab.close();
    }
}
