package dev.cascade.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import dev.cascade.cli.connector.ByteSize;
import dev.cascade.cli.connector.DurationText;
import dev.cascade.cli.local.GatewayPorts;
import dev.cascade.cli.local.LocalStack;
import dev.cascade.cli.local.LocalStackException;
import dev.cascade.cli.local.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole system on this machine, measuring the bytes it saves: the embedded stack, activation,",
                "a sample organisation (central office with the seed, three branches — one with a Wi-Fi sub-office —",
                "and VPN remote workers), ~30 agents on loopback addresses behind WAN links emulated in user space,",
                "a generated package deployed to all, live progress per office, and a summary of the bytes on the WAN",
                "against the limit and against naive distribution. Exits 0 only when every agent holds the package",
                "with the right SHA-256. With --netns (root): the same in real network namespaces, routers shaping",
                "the WAN links in the kernel, every agent a JVM of its own."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", description = "Agents in all, spread over the six offices (default: ${DEFAULT-VALUE})")
    int agents = 30;

    @Option(names = "--package-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Size of the generated package, e.g. 64MiB or 1GiB (default: 64MiB)")
    long packageBytes = 64L << 20;

    @Option(names = "--wan-rate", paramLabel = "MBIT", description = {"The branches' WAN rate in Mbit/s; Branch South and each",
            "VPN device get half, the Wi-Fi sub-office's link five times (default: ${DEFAULT-VALUE})"})
    double wanMbit = 20;

    @Option(names = "--wan-queue", paramLabel = "DURATION", converter = DurationText.class,
            description = "The WAN routers' queue, as delay: a datagram that would wait longer is dropped (default: 200ms)")
    Duration wanQueue = Duration.ofMillis(200);

    @Option(names = "--wan-delay", paramLabel = "DURATION", converter = DurationText.class,
            description = "One-way propagation delay of every emulated WAN link; not applied with --netns (default: 10ms)")
    Duration wanDelay = Duration.ofMillis(10);

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationText.class,
            description = "Give up when the deployment is not done after this long (default: 15m)")
    Duration timeout = Duration.ofMinutes(15);

    @Option(names = "--data-dir", description = "The demo's directory, emptied at every start (default: ./data/demo)")
    Path dataDir = Path.of("data", "demo");

    @Mixin
    StackOptions stack;

    @Option(names = "--netns", description = {"Run the offices in real network namespaces (needs root and iproute2): a LAN",
            "per office, routers shaping the WAN links with tc, every agent a JVM of its own in a namespace of its own"})
    boolean netns;

    /** Why --netns cannot run here; replaced in tests. */
    Supplier<Optional<String>> netnsUnavailable = NetnsNetwork::unavailableReason;

    @Option(names = "--plain", description = "Print the live view as a block every 10 s instead of redrawing it in place")
    boolean plain;

    @Override
    public Integer call() {
        if (agents < DemoScenario.MIN_AGENTS || agents > 240) {
            throw new ParameterException(spec.commandLine(), "--agents: " + agents + " is outside " + DemoScenario.MIN_AGENTS
                    + "..240 (one agent per office at least; 240 fill the offices' /24s comfortably)");
        }
        if (packageBytes < 1 << 20) {
            throw new ParameterException(spec.commandLine(), "--package-size: at least 1 MiB");
        }
        if (!(wanMbit >= 0.1 && wanMbit <= 10_000)) {
            throw new ParameterException(spec.commandLine(), "--wan-rate: " + wanMbit + " Mbit/s is outside 0.1..10000");
        }
        GatewayPorts udpPorts = stack.udpPorts(spec);
        Path root = stack.home();
        if (netns) {
            Optional<String> unavailable = netnsUnavailable.get();
            if (unavailable.isPresent()) { // before anything starts or the data directory is touched
                spec.commandLine().getErr().println("cascade demo: --netns needs root and iproute2 (" + unavailable.get()
                        + "); run without --netns for the loopback variant");
                return 1;
            }
            if (!java.nio.file.Files.isRegularFile(NetnsNetwork.agentJar(root))) {
                spec.commandLine().getErr().println("cascade demo: --netns runs every agent from " + NetnsNetwork.agentJar(root)
                        + ", which does not exist: build it (./mvnw -pl agent package) or name a --home that has it");
                return 1;
            }
        }
        Path data = dataDir.toAbsolutePath().normalize();
        try {
            DemoDataDir.prepare(data); // before anything writes there (the broker's log below)
        } catch (DemoException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("cascade demo: FAILED: " + e.getMessage());
            return 1;
        }
        LocalStack.routeBrokerLogs(data.resolve("logs"));
        DemoRun.Settings settings = new DemoRun.Settings(root, data, agents, packageBytes,
                Math.round(wanMbit * 1_000_000), stack.kafkaPort(), stack.httpBasePort(), udpPorts, timeout,
                spec.commandLine().getOut(), !plain && System.console() != null);
        DemoNetwork network = netns ? new NetnsNetwork(root, wanQueue, wanDelay) : new LoopbackNetwork(wanQueue, wanDelay);
        DemoRun run = new DemoRun(settings, network);
        Thread stopper = new Thread(run::close, "cascade-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return run.run();
        } catch (DemoException | LocalStackException | java.io.UncheckedIOException e) {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("cascade demo: FAILED: " + e.getMessage());
            return 1;
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already stopping everything
            }
        }
    }
}
