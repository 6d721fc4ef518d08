package dev.cascade.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo without root: every agent a thread of this JVM on a loopback address of its own (127.42.{office}.x), and
 * between the offices WAN links emulated in user space ({@link DemoWan}). Loopback has no broadcast domain per
 * office, so the agents do not broadcast: they use the planner's sources.
 */
final class LoopbackNetwork implements DemoNetwork {

    /** The agents serve the background protocol here; the WAN emulation takes the planner's port (34750) in front. */
    static final int AGENT_BACKGROUND_PORT = 44_750;

    private final Duration queue;
    private final Duration delay;
    private final AgentThreads agents = new AgentThreads();
    private DemoWan wan;

    LoopbackNetwork(Duration queue, Duration delay) {
        this.queue = queue;
        this.delay = delay;
    }

    @Override
    public String scenarioNetwork() {
        return DemoScenario.LOOPBACK;
    }

    @Override
    public String gatewayBindHost() {
        return "127.0.0.1";
    }

    @Override
    public String describe() {
        return "WAN links emulated in user space (rate, " + queue.toMillis() + " ms queue, " + delay.toMillis()
                + " ms one way), agents as threads of this JVM on " + DemoScenario.LOOPBACK + ".x.y";
    }

    @Override
    public void open(DemoScenario scenario) {
        List<String> holders = new ArrayList<>(scenario.agents().stream().map(DemoAgent::address).toList());
        holders.add(scenario.seedAddress());
        wan = DemoWan.start(scenario, holders, AGENT_BACKGROUND_PORT, queue, delay);
    }

    @Override
    public String serverHost(DemoOffice office) {
        return "127.0.0.1";
    }

    @Override
    public List<String> agentOptions(DemoOffice office) {
        return List.of("--discovery-port", "0", "--background-port", String.valueOf(AGENT_BACKGROUND_PORT));
    }

    @Override
    public void startAgent(String hostname, DemoOffice office, String address, List<String> args, Path log) {
        agents.start(hostname, args, log);
    }

    @Override
    public Map<String, Integer> exited() {
        return agents.exited();
    }

    @Override
    public void stopAgents() {
        agents.close();
    }

    @Override
    public Map<String, Long> bytesIntoOffices() {
        return wan == null ? Map.of() : wan.bytesIntoOffices();
    }

    @Override
    public long bytesIn() {
        return wan == null ? 0 : wan.bytesIn();
    }

    @Override
    public long bytesOut() {
        return wan == null ? 0 : wan.bytesOut();
    }

    @Override
    public String measuredAs() {
        return "UDP payload, measured by the emulated links";
    }

    @Override
    public void close() {
        agents.close();
        if (wan != null) {
            wan.close();
        }
    }
}
