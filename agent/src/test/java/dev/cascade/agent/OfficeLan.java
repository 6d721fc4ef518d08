package dev.cascade.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.Link;
import dev.cascade.testkit.netns.Namespace;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.Segment;
import dev.cascade.wire.WireKey;

/**
 * One office subnet of real hosts: a bridge of a {@link NamespaceLab}, a namespace per host on it, and the test JVM
 * itself on the bridge too (a veth pair from the machine's namespace to the bridge, address {@code .1}), so that a
 * {@link PlanningServer} in the test can announce and plan for agents running as processes in the namespaces.
 * The veth's far end lives in the lab's switch namespace: deleting the lab deletes the pair, also after a crash
 * (the next lab removes the dead run's namespaces).
 */
final class OfficeLan implements AutoCloseable {

    private final NamespaceLab lab;
    private final Segment office;
    private final String subnet;
    private final Path dir;
    private final WireKey key;
    private int hosts = 1;

    private static final java.util.concurrent.atomic.AtomicInteger LABS = new java.util.concurrent.atomic.AtomicInteger();

    private OfficeLan(NamespaceLab lab, Path dir, WireKey key) {
        this.lab = lab;
        this.dir = dir;
        this.key = key;
        this.office = lab.segment("office");
        // a subnet per test JVM: a second build on the machine puts its own address in the machine's namespace
        this.subnet = "10.213." + ProcessHandle.current().pid() % 250 + ".";
        joinTestJvm();
    }

    /**
     * Skips the calling test unless network namespaces can be made here (root, iproute2) and, when {@code tc}, links can
     * be limited with tc (iproute2): the message says what is missing.
     */
    static void assumeLab(boolean tc) {
        Optional<String> reason = NamespaceLab.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        if (tc) {
            Assumptions.assumeTrue(CommandRunner.find("tc").isPresent(),
                    "skipped: the namespace tests limit links with 'tc' (Debian package iproute2), not found");
        }
    }

    /** A lab named {@code tag} (see {@link NamespaceLab#open}) with the office bridge and the test JVM on it. */
    static OfficeLan open(String tag, Path dir, WireKey key) {
        NamespaceLab lab = NamespaceLab.open(tag);
        try {
            return new OfficeLan(lab, dir, key);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void joinTestJvm() {
        String ip = CommandRunner.find("ip").orElseThrow().toString();
        // a name per lab: the previous lab's pair disappears with its switch namespace, but the kernel may still be
        // tearing it down when the next test adds its own (interface names: at most 15 characters)
        String here = "cas" + ProcessHandle.current().pid() % 1_000_000 + "t" + LABS.incrementAndGet() % 100;
        String switchNamespace = lab.prefix() + "-switch";
        CommandRunner.runOrThrow(List.of(ip, "link", "add", here, "type", "veth", "peer", "name", "ptest", "netns",
                switchNamespace));
        CommandRunner.runOrThrow(List.of(ip, "-n", switchNamespace, "link", "set", "ptest", "master", office.bridge()));
        CommandRunner.runOrThrow(List.of(ip, "-n", switchNamespace, "link", "set", "ptest", "up"));
        CommandRunner.runOrThrow(List.of(ip, "addr", "add", testAddress().getHostAddress() + "/24", "dev", here));
        CommandRunner.runOrThrow(List.of(ip, "link", "set", here, "up"));
    }

    /** The test JVM's address on the office bridge: bind stand-in servers here. */
    InetAddress testAddress() {
        try {
            return InetAddress.getByName(subnet + "1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A new host on the office bridge with the next address of the subnet. */
    Link host(String name) {
        Namespace namespace = lab.namespace(name);
        return lab.connect(namespace, office, subnet + ++hosts + "/24");
    }

    /** An agent on a new host of the office (not started). */
    LanAgent agent(String name, String... extra) {
        return new LanAgent(name, host(name), dir, key, List.of(extra));
    }

    /**
     * Limits what the host of {@code link} sends (its upload) to {@code rate} (tc syntax, e.g. {@code 100mbit}) with
     * a token bucket: the bridge delivers at memory speed otherwise.
     */
    static void limitUpload(Link link, String rate) {
        link.namespace().exec("tc", "qdisc", "replace", "dev", link.device(), "root", "tbf", "rate", rate,
                "burst", "64kb", "latency", "100ms");
    }

    @Override
    public void close() {
        lab.close();
    }
}
