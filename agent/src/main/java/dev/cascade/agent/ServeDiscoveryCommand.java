package dev.cascade.agent;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.cascade.agent.discovery.DiscoveryCounters;
import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.agent.discovery.MemoryPieceInventory;
import dev.cascade.agent.discovery.UploadSlots;
import dev.cascade.wire.Ports;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cascade-agent serve-discovery}: answers DISCOVER broadcasts until stopped, printing the
 * counters whenever they changed. Until the piece store (issue 7) fills the inventory, what the agent
 * holds is declared with {@code --hold}.
 */
@Command(name = "serve-discovery", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Answers DISCOVER broadcasts from this device's subnets (UDP) for the contents it holds, until"
                + " stopped; prints its counters (received, answered, dropped by reason) when they change.",
        exitCodeOnInvalidInput = Outcome.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:a local failure (the discovery port cannot be bound)",
            "64:bad command-line input"})
final class ServeDiscoveryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    AgentMain.KeySource keySource;

    @Mixin
    SubnetOptions subnetOptions;

    @Option(names = "--office-type", paramLabel = "standard|vpn|wifi", defaultValue = "standard",
            converter = OptionConverters.OfficeTypeName.class,
            description = "This device's office type; only standard answers (default: ${DEFAULT-VALUE}).")
    DiscoveryPolicy policy;

    @Option(names = "--bind", paramLabel = "ADDRESS", converter = OptionConverters.AddressLiteral.class,
            description = "Local address to listen on (default: every address; a socket bound to one address"
                    + " receives no broadcasts).")
    InetAddress bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_DISCOVERY,
            description = "Port DISCOVER broadcasts arrive on (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--content-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_CONTENT_FOREGROUND,
            description = "The content port named in replies (default: ${DEFAULT-VALUE}).")
    int contentPort;

    @Option(names = "--hold", paramLabel = "CONTENT=COUNT[:RANGES]", converter = OptionConverters.Holding.class,
            description = "A content this device holds: COUNT pieces, all or RANGES of them (e.g. app-7=8:0-2,5,7);"
                    + " repeatable.")
    List<HeldContent> holdings = List.of();

    @Option(names = "--upload-slots", paramLabel = "N", defaultValue = "4",
            description = "Uploads served at once; with all taken, replies say busy (default: ${DEFAULT-VALUE}).")
    int uploadSlots;

    @Option(names = "--stats-interval", paramLabel = "DURATION", defaultValue = "60s",
            converter = OptionConverters.Interval.class,
            description = "How often to print the counters if they changed (default: ${DEFAULT-VALUE}).")
    Duration statsInterval;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cascade-agent",
            description = "Holds the device id, the replies' sender id (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() {
        checkRange("--port", port, 0, 65_535);
        checkRange("--content-port", contentPort, 1, 65_535);
        checkRange("--upload-slots", uploadSlots, 0, 10_000);
        if (statsInterval.isZero()) {
            throw new ParameterException(spec.commandLine(), "--stats-interval: must be longer than zero");
        }
        List<Ipv4Subnet> subnets = subnetOptions.resolve(spec.commandLine());
        UUID deviceId = DiscoverCommand.deviceId(spec, stateDir);
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        holdings.forEach(held -> inventory.put(held.contentId(), held.pieces()));
        InetSocketAddress local = new InetSocketAddress(bind != null ? bind : DiscoveryResponder.IPV4_ANY, port);
        DiscoveryResponder.Settings settings = DiscoveryResponder.Settings.defaults(subnets, policy).withBind(local)
                .withContentPort(contentPort);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DiscoveryResponder responder;
        try {
            responder = DiscoveryResponder.start(settings, deviceId, keySource.ring(), inventory, new UploadSlots(uploadSlots));
        } catch (SocketException e) {
            err.println("cannot listen for DISCOVER on " + local.getAddress().getHostAddress() + ":" + local.getPort() + ": "
                    + e.getMessage() + " (--port chooses another port)");
            err.flush();
            return Outcome.FAILED;
        }
        Thread printFinalCounters = new Thread(() -> {
            responder.close();
            out.println("stopped; counters " + responder.counters().snapshot().format());
            out.flush();
        }, "serve-discovery-shutdown");
        Runtime.getRuntime().addShutdownHook(printFinalCounters); // SIGTERM / Ctrl-C: the operator still sees the totals
        try {
            out.println(readiness(responder, subnets, inventory.size()));
            out.flush();
            printCountersUntilStopped(responder.counters(), out, err);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            responder.close();
            try {
                Runtime.getRuntime().removeShutdownHook(printFinalCounters);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook prints the totals
            }
        }
    }

    private String readiness(DiscoveryResponder responder, List<Ipv4Subnet> subnets, int contents) {
        // the configured address: Java reports a wildcard-bound socket as "::" even when 0.0.0.0 was asked for
        String where = responder.settings().bind().getAddress().getHostAddress() + ":" + responder.localAddress().getPort()
                + " in "
                + subnets.stream().map(Ipv4Subnet::toString).collect(Collectors.joining(", "));
        String what = policy.whyNotAnswer().map(why -> "not answering: " + why + " (counting what arrives)")
                .orElse("holding " + contents + " content" + (contents == 1 ? "" : "s") + ", content port " + contentPort);
        return "listening for DISCOVER on " + where + " as a " + policy.label() + " office; " + what;
    }

    private void printCountersUntilStopped(DiscoveryCounters counters, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        String printed = counters.snapshot().format();
        String failure = "";
        while (true) {
            Thread.sleep(statsInterval.toMillis());
            String now = counters.snapshot().format();
            if (!now.equals(printed)) {
                out.println("counters " + now);
                out.flush();
                printed = now;
            }
            if (!counters.lastFailure().equals(failure)) {
                failure = counters.lastFailure();
                err.println("discovery: " + failure);
                err.flush();
            }
        }
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + ": " + value + " is outside " + min + ".." + max);
        }
    }
}
