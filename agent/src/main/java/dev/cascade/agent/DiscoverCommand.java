package dev.cascade.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryProbe;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.DiscoveryResult;
import dev.cascade.agent.discovery.Holder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.wire.Ports;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cascade-agent discover}: broadcasts one DISCOVER for a content and prints who holds it. */
@Command(name = "discover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Asks this device's subnets who holds a content (a broadcast DISCOVER, UDP) and prints the"
                + " holders, most useful first: one line each, starting with 'holder'.",
        exitCodeOnInvalidInput = Outcome.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:at least one holder answered",
            "1:a local failure (reply port taken, nothing could be sent, no subnet with a broadcast address)",
            "2:no holder answered, or the office type forbids broadcasting (Wi-Fi)",
            "64:bad command-line input"})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--content", required = true, paramLabel = "ID", description = "The content id to look for.")
    String contentId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    AgentMain.KeySource keySource;

    @Mixin
    SubnetOptions subnetOptions;

    @Option(names = "--office-type", paramLabel = "standard|vpn|wifi", defaultValue = "standard",
            converter = OptionConverters.OfficeTypeName.class,
            description = "This device's office type; wifi broadcasts nothing (default: ${DEFAULT-VALUE}).")
    DiscoveryPolicy policy;

    @Option(names = "--bind", paramLabel = "ADDRESS", converter = OptionConverters.AddressLiteral.class,
            description = "Local address for the reply socket (default: every address).")
    InetAddress bind;

    @Option(names = "--reply-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_SMALL_MESSAGES,
            description = "Local port replies come to (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int replyPort;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_DISCOVERY,
            description = "The port peers answer DISCOVER on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "500ms", converter = OptionConverters.Interval.class,
            description = "How long to collect replies after each broadcast (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "1",
            description = "Broadcasts again this often when nobody answered, 0.." + DiscoveryProbe.Settings.MAX_RETRIES
                    + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cascade-agent",
            description = "Holds the device id, the DISCOVER's sender id (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() {
        if (contentId.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--content: must not be empty");
        }
        checkRange("--reply-port", replyPort, 0, 65_535);
        checkRange("--port", port, 1, 65_535);
        checkRange("--retries", retries, 0, DiscoveryProbe.Settings.MAX_RETRIES);
        if (window.isZero() || window.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ParameterException(spec.commandLine(), "--window: " + window.toMillis() + " ms is outside 1 ms..30 s");
        }
        List<Ipv4Subnet> subnets = subnetOptions.resolve(spec.commandLine());
        UUID deviceId = deviceId(spec, stateDir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress local = new InetSocketAddress(bind != null ? bind : DiscoveryResponder.IPV4_ANY, replyPort);
        DiscoveryProbe.Settings settings = new DiscoveryProbe.Settings(subnets, port, window, retries, policy,
                Duration.ofSeconds(300));
        DiscoveryResult result;
        try (DatagramSocket socket = new DatagramSocket(local)) {
            result = new DiscoveryProbe(settings, socket, deviceId, keySource.ring(), Clock.systemUTC()).discover(contentId);
        } catch (SocketException e) {
            return print(err, Outcome.FAILED, "cannot listen for replies on " + local.getAddress().getHostAddress() + ":"
                    + local.getPort() + ": " + e.getMessage() + " (--reply-port chooses another port)");
        } catch (IOException e) {
            return print(err, Outcome.FAILED, "discovery failed: " + e.getMessage());
        }
        return report(result, subnets, out, err);
    }

    private int report(DiscoveryResult result, List<Ipv4Subnet> subnets, PrintWriter out, PrintWriter err) {
        result.notes().forEach(err::println);
        if (!result.replies().dropped().isEmpty()) {
            err.println("ignored replies: " + result.replies().dropped().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        err.flush();
        String where = subnets.stream().map(Ipv4Subnet::toString).collect(Collectors.joining(", "));
        if (result.notAsked().isPresent()) {
            return print(err, policy.broadcasts() ? Outcome.FAILED : Outcome.NO_ANSWER,
                    "nothing broadcast in " + where + ": " + result.notAsked().get());
        }
        String askedAt = result.askedAt().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .collect(Collectors.joining(", "));
        String rounds = String.format(Locale.ROOT, "%d broadcast%s to %s, %d ms window", result.rounds(),
                result.rounds() == 1 ? "" : "s", askedAt, window.toMillis());
        if (result.holders().isEmpty()) {
            return print(err, Outcome.NO_ANSWER, "no holder of '" + contentId + "' answered in " + where + " (" + rounds + ")");
        }
        for (Holder holder : result.holders()) {
            out.println(line(holder));
        }
        return print(out, 0, "found " + result.holders().size() + " holder" + (result.holders().size() == 1 ? "" : "s")
                + " of '" + contentId + "' in " + where + " (" + rounds + ")");
    }

    /** {@code holder 10.9.1.3 port 34760 pieces 5/8 [0-2,5,7] free device <uuid>}. */
    static String line(Holder holder) {
        return "holder " + holder.address().getHostAddress() + " port " + holder.contentPort() + " pieces "
                + holder.pieces().heldCount() + "/" + holder.pieces().pieceCount() + " [" + holder.pieces().ranges() + "] "
                + (holder.busy() ? "busy" : "free") + " device " + holder.deviceId();
    }

    static UUID deviceId(CommandSpec spec, Path stateDir) {
        try {
            return DeviceIdentity.loadOrCreate(stateDir);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state-dir: " + e.getMessage());
        }
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + ": " + value + " is outside " + min + ".." + max);
        }
    }

    private static int print(PrintWriter writer, int exitCode, String line) {
        writer.println(line);
        writer.flush();
        return exitCode;
    }
}
