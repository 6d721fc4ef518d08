package dev.cascade.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cascade.cli.demo.netns.AgentJvms;
import dev.cascade.cli.demo.netns.FrameCount;
import dev.cascade.cli.demo.netns.NamespacePlan;
import dev.cascade.cli.demo.netns.OfficeLab;
import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.NamespaceLab;

/**
 * The demo in real network namespaces ({@code cascade demo --netns}, root only): every office a LAN of its own
 * (10.42.{office}.0/24, a broadcast domain, so the agents discover each other as on a real office network), every agent
 * a JVM of its own in a namespace of its own with the default ports, and between an office and its parent a router
 * whose legs the kernel shapes ({@code tc tbf}) at the office's link rate with {@code --wan-queue} as its queue. The CLI's
 * namespace (where the gateway binds the wildcard address) is on every office LAN at {@code .1}, so the agents' control
 * traffic does not cross the WAN links, as in the loopback variant — except a VPN device's, which has no LAN but its
 * own link. The WAN bytes are the frames the routers' legs sent (see {@link NamespacePlan}, {@link OfficeLab}).
 */
final class NetnsNetwork implements DemoNetwork {

    static final String NETWORK = "10.42";

    private final Path agentJar;
    private final Duration queue;
    private final Duration delay;
    private NamespacePlan plan;
    private volatile OfficeLab lab;
    private volatile AgentJvms agents;

    /**
     * @param home  the checkout holding {@code agent/target/cascade-agent.jar}
     * @param queue the routers' queue (tbf latency)
     * @param delay the loopback variant's propagation delay: not applied here (see {@link #describe()})
     */
    NetnsNetwork(Path home, Duration queue, Duration delay) {
        this.agentJar = agentJar(home);
        this.queue = queue;
        this.delay = delay;
    }

    static Path agentJar(Path home) {
        return home.resolve("agent").resolve("target").resolve("cascade-agent.jar");
    }

    /**
     * Why {@code --netns} cannot run here, or empty when it can: root, iproute2's {@code ip} and {@code tc}, and a
     * kernel that lets us create namespaces.
     */
    static Optional<String> unavailableReason() {
        Optional<String> lab = NamespaceLab.unavailableReason();
        if (lab.isPresent()) {
            return lab;
        }
        return CommandRunner.find("tc").isPresent() ? Optional.empty()
                : Optional.of("the 'tc' command (Debian package iproute2) is not installed");
    }

    @Override
    public String scenarioNetwork() {
        return NETWORK;
    }

    @Override
    public String gatewayBindHost() {
        return "0.0.0.0";
    }

    @Override
    public String describe() {
        return "network namespaces: a LAN per office (" + NETWORK + ".{office}.0/24, MTU " + OfficeLab.MTU
                + "), a router per WAN link shaping both ways with tc tbf (rate, " + queue.toMillis() + " ms queue"
                + (delay.isZero() ? "" : "; --wan-delay is not applied: no netem") + "), agents as JVMs of their own";
    }

    @Override
    public void open(DemoScenario scenario) {
        if (!Files.isRegularFile(agentJar)) {
            throw new DemoException("no agent jar at " + agentJar + ": build it (./mvnw -pl agent package) or name a --home"
                    + " that has it");
        }
        plan = NamespacePlan.of(scenario);
        try {
            lab = OfficeLab.build(plan, queue);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new DemoException("cannot build the offices' network namespaces: " + e.getMessage());
        }
        agents = new AgentJvms(CommandRunner.find("ip").orElseThrow().toString(),
                Path.of(System.getProperty("java.home"), "bin", "java"), agentJar, AgentJvms.JVM_OPTIONS);
    }

    @Override
    public String serverHost(DemoOffice office) {
        return plan.serverHost(office);
    }

    @Override
    public List<String> agentOptions(DemoOffice office) {
        return List.of(); // a namespace each: the default ports, discovery on
    }

    @Override
    public void startAgent(String hostname, DemoOffice office, String address, List<String> args, Path log) {
        agents.start(hostname, lab.hostNamespace(address), args, log);
    }

    @Override
    public Map<String, Integer> exited() {
        AgentJvms running = agents;
        return running == null ? Map.of() : running.exited();
    }

    @Override
    public void stopAgents() {
        AgentJvms running = agents;
        if (running != null) {
            List<String> killed = running.stop();
            if (!killed.isEmpty()) { // their caches may be cut short: the check that follows says whether they are
                System.err.println("cascade demo: agents killed after not stopping on SIGTERM: " + killed);
            }
        }
    }

    @Override
    public Map<String, Long> bytesIntoOffices() {
        Map<String, Long> into = new LinkedHashMap<>();
        if (lab != null) {
            lab.sentDown().forEach((router, sent) -> into.merge(router.feeds().id(), sent.bytes(), Long::sum));
        }
        return into;
    }

    @Override
    public long bytesIn() {
        return lab == null ? 0 : FrameCount.sum(List.copyOf(lab.sentDown().values())).bytes();
    }

    @Override
    public long bytesOut() {
        return lab == null ? 0 : FrameCount.sum(List.copyOf(lab.sentUp().values())).bytes();
    }

    @Override
    public String measuredAs() {
        String payload = lab == null ? "" : "; UDP payload "
                + Bytes.format(FrameCount.sum(List.copyOf(lab.sentDown().values())).udpPayload());
        return "bytes on the wire at the routers' WAN legs, Ethernet frames" + payload;
    }

    @Override
    public void close() {
        AgentJvms running = agents;
        if (running != null) {
            running.stop();
        }
        OfficeLab built = lab;
        if (built != null) {
            try {
                built.close();
            } catch (IllegalStateException e) {
                // the rest of the demo (the stack) must still stop: report, and say how to clean up by hand
                System.err.println("cascade demo: " + e.getMessage() + " (delete what is left with 'ip netns del <name>'; the"
                        + " names start with " + built.prefix() + ")");
            }
        }
    }
}
