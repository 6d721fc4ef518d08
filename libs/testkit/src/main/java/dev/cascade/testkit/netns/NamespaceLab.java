package dev.cascade.testkit.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real subnets on one machine for tests: named network namespaces (the hosts), Linux bridges (the
 * layer-2 segments, one per subnet) and veth pairs between them, with addresses, broadcast addresses
 * and links up. Needs root and iproute2; {@link #unavailableReason()} says why a test must skip.
 *
 * <p>Every name starts with a prefix unique to this process ({@code cas<pid><tag>}), so parallel
 * builds do not collide. The bridges live in a namespace of their own (the "switch"), so nothing is
 * added to the machine's own namespace and deleting the lab's namespaces removes everything.
 * {@link #close()} kills the processes started inside and deletes the namespaces, also when a test
 * failed; {@link #open} first deletes what an earlier crashed run left behind (the same prefix, or
 * the prefix of a process that no longer exists). Further tools ({@code tc}, {@code sysctl}) run
 * through {@link Namespace#exec}.
 *
 * <pre>
 * try (NamespaceLab lab = NamespaceLab.open("disc")) {
 *     Segment officeA = lab.segment("a");
 *     Namespace asker = lab.namespace("asker");
 *     lab.connect(asker, officeA, "10.9.1.2/24");
 *     NamespaceProcess p = asker.startJava("asker", Main.class.getName(), List.of(...));
 *     p.awaitLine(Pattern.compile("ready"), Duration.ofSeconds(20));
 * }
 * </pre>
 */
public final class NamespaceLab implements AutoCloseable {

    /** Starts with a letter, so the owner's pid ends where the tag begins. */
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9]{0,5}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,10}");
    /** Names this class gives: "cas", the owning process id, the tag, "-", the short name. */
    private static final Pattern OURS = Pattern.compile("cas(\\d+)[a-z0-9]*-[a-z0-9]+");
    private static final String SWITCH = "switch";

    private final String ip;
    private final String prefix;
    private final Namespace switchNamespace;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private final List<NamespaceProcess> processes = new ArrayList<>();
    private final Thread shutdownHook;
    private int ports;
    private boolean closed;

    private NamespaceLab(String ip, String prefix) {
        this.ip = ip;
        this.prefix = prefix;
        this.switchNamespace = create(SWITCH);
        this.shutdownHook = new Thread(this::close, "namespace-lab-" + prefix + "-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook); // a test JVM stopped by Ctrl-C still cleans up
    }

    /**
     * Why namespace tests cannot run here, or empty when they can: not root, no {@code ip} command,
     * or the kernel refuses to create a namespace (an unprivileged container). Tests skip with this text.
     */
    public static Optional<String> unavailableReason() {
        long uid = effectiveUid();
        if (uid != 0) {
            return Optional.of("network namespace tests need root (effective uid is " + uid + ")");
        }
        Optional<Path> ip = CommandRunner.find("ip");
        if (ip.isEmpty()) {
            return Optional.of("network namespace tests need the 'ip' command (Debian package iproute2), not found");
        }
        String probe = "cas" + ProcessHandle.current().pid() + "probe-p";
        CommandResult added = CommandRunner.run(List.of(ip.get().toString(), "netns", "add", probe));
        if (!added.succeeded()) {
            return Optional.of("network namespace tests cannot create a namespace here: " + added.output());
        }
        CommandRunner.run(List.of(ip.get().toString(), "netns", "del", probe));
        return Optional.empty();
    }

    /**
     * Opens a lab whose names start with {@code cas<pid><tag>}, after deleting leftovers of crashed runs.
     *
     * @param tag 1–6 characters a-z, 0-9, starting with a letter; tells the test's namespaces apart from
     *            other labs of this process
     * @throws IllegalStateException when namespaces cannot be created; check {@link #unavailableReason()} first
     */
    public static NamespaceLab open(String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("lab tag '" + tag + "' must be 1-6 characters a-z, 0-9, starting with a letter");
        }
        String ip = CommandRunner.find("ip").map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("the 'ip' command (iproute2) is not installed"));
        String prefix = "cas" + ProcessHandle.current().pid() + tag;
        removeLeftovers(ip, prefix);
        return new NamespaceLab(ip, prefix);
    }

    /** Deletes namespaces named with {@code prefix}, or with the prefix of a process that is gone. */
    static void removeLeftovers(String ip, String prefix) {
        for (String existing : list(ip)) {
            Matcher ours = OURS.matcher(existing);
            if (!ours.matches()) {
                continue;
            }
            boolean sameRun = existing.startsWith(prefix + "-");
            boolean ownerGone = ProcessHandle.of(Long.parseLong(ours.group(1))).isEmpty();
            if (sameRun || ownerGone) {
                CommandRunner.run(List.of(ip, "netns", "del", existing));
            }
        }
    }

    /** The names {@code ip netns list} shows ("name" or "name (id: 3)"). */
    static List<String> list(String ip) {
        CommandResult result = CommandRunner.run(List.of(ip, "netns", "list"));
        if (!result.succeeded()) {
            return List.of();
        }
        return result.output().lines().map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0]).toList();
    }

    /** The prefix of every name in this lab, e.g. {@code cas4711disc}. */
    public String prefix() {
        return prefix;
    }

    /** A new namespace (a host) named {@code <prefix>-<name>}, with its loopback interface up. */
    public synchronized Namespace namespace(String name) {
        checkOpen();
        if (!NAME.matcher(name).matches() || SWITCH.equals(name)) {
            throw new IllegalArgumentException("namespace name '" + name + "' must be 1-10 characters a-z, 0-9 and not '"
                    + SWITCH + "'");
        }
        if (namespaces.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a namespace '" + name + "'");
        }
        Namespace namespace = create(name);
        namespaces.put(name, namespace);
        return namespace;
    }

    /** A new layer-2 segment (a bridge), e.g. one per office subnet. */
    public synchronized Segment segment(String name) {
        checkOpen();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("segment name '" + name + "' must be 1-10 characters a-z, 0-9");
        }
        if (segments.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a segment '" + name + "'");
        }
        Segment segment = new Segment(name, "br-" + name);
        switchNamespace.ip("link", "add", segment.bridge(), "type", "bridge");
        switchNamespace.ip("link", "set", segment.bridge(), "up");
        segments.put(name, segment);
        return segment;
    }

    /**
     * Connects {@code namespace} to {@code segment} with a new interface holding {@code address}
     * ({@code a.b.c.d/prefix}, or an IPv6 address/prefix); an IPv4 address gets its subnet's broadcast
     * address ({@code brd +}). A namespace connected to two segments is a router once forwarding is on.
     */
    public synchronized Link connect(Namespace namespace, Segment segment, String address) {
        checkOpen();
        if (namespaces.get(namespace.shortName()) != namespace || segments.get(segment.name()) != segment) {
            throw new IllegalArgumentException(namespace.shortName() + " or " + segment.name() + " is not part of lab " + prefix);
        }
        if (!address.contains("/")) {
            throw new IllegalArgumentException("address '" + address + "' needs a prefix length, e.g. 10.9.1.2/24");
        }
        String device = namespace.nextInterface();
        String peer = "p" + ++ports;
        // both ends are created directly in their namespaces: no name is ever taken in the machine's own namespace
        CommandRunner.runOrThrow(List.of(ip, "link", "add", device, "netns", namespace.name(), "type", "veth",
                "peer", "name", peer, "netns", switchNamespace.name()));
        switchNamespace.ip("link", "set", peer, "master", segment.bridge());
        switchNamespace.ip("link", "set", peer, "up");
        if (address.contains(":")) {
            namespace.ip("addr", "add", address, "dev", device, "nodad");
        } else {
            namespace.ip("addr", "add", address, "brd", "+", "dev", device);
        }
        namespace.ip("link", "set", device, "up");
        return new Link(namespace, device, peer, segment, address);
    }

    /** The namespaces created so far (not the switch). */
    public synchronized List<Namespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    synchronized NamespaceProcess track(NamespaceProcess process) {
        if (closed) {
            process.close();
            throw new IllegalStateException("lab " + prefix + " is closed");
        }
        processes.add(process);
        return process;
    }

    String ip() {
        return ip;
    }

    private Namespace create(String name) {
        String full = prefix + "-" + name;
        CommandRunner.runOrThrow(List.of(ip, "netns", "add", full));
        Namespace namespace = new Namespace(this, full, name);
        try {
            namespace.ip("link", "set", "lo", "up");
        } catch (RuntimeException e) {
            CommandRunner.run(List.of(ip, "netns", "del", full)); // not tracked yet: close() would miss it
            throw e;
        }
        return namespace;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + prefix + " is closed");
        }
    }

    /**
     * Kills every process started in the lab, then deletes every namespace (with them go their
     * interfaces and the bridges). Continues past failures and reports them all at the end.
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (NamespaceProcess process : processes) {
                process.close();
                if (process.alive()) {
                    failures.add(process.name() + " (pid " + process.pid() + ") survived SIGKILL");
                }
            }
            List<Namespace> all = new ArrayList<>(namespaces.values());
            all.add(switchNamespace);
            for (Namespace namespace : all) {
                CommandResult deleted = CommandRunner.run(List.of(ip, "netns", "del", namespace.name()));
                if (!deleted.succeeded()) {
                    failures.add("cannot delete namespace " + namespace.name() + ": " + deleted.output());
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and this is the hook itself: nothing to remove
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("lab " + prefix + " did not clean up fully: " + String.join("; ", failures));
        }
    }

    private static long effectiveUid() {
        // /proc/self/status "Uid: real effective saved fs"; without /proc, assume not root and let the test skip
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
