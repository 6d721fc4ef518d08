package dev.cascade.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.cascade.agent.content.InstallAction;
import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.wire.Ports;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The running agent's options for content: receiving deployments, serving pieces, installing. */
final class ContentOptions {

    @Option(names = "--content-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_CONTENT_FOREGROUND,
            description = "While running, the port (on the --bind address) this agent serves pieces on, protocol.md §17"
                    + " (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int contentPort;

    @Option(names = "--upload-slots", paramLabel = "N", defaultValue = "4",
            description = "Peers served at once; the next one is told BUSY (default: ${DEFAULT-VALUE}).")
    int uploadSlots;

    @Option(names = "--office-type", paramLabel = "standard|vpn|wifi", defaultValue = "standard",
            converter = OptionConverters.OfficeTypeName.class,
            description = "This device's office type until the server's first plan names it (SOURCE_PLAN carries it):"
                    + " a VPN office's peers serve nobody and answer no DISCOVER, a Wi-Fi office's peers broadcast"
                    + " no DISCOVER (default: ${DEFAULT-VALUE}).")
    DiscoveryPolicy officeType;

    @Option(names = "--discovery-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_DISCOVERY,
            description = "While running, the port this agent answers DISCOVER broadcasts on (every address) and the"
                    + " port it asks its subnet on before each peer fetch round, protocol.md §12 (Standard and VPN"
                    + " offices ask, Standard offices answer, Wi-Fi offices do neither; default: ${DEFAULT-VALUE};"
                    + " 0 = no broadcast discovery: the planner's list only).")
    int discoveryPort;

    @Option(names = "--seed", description = "Run as the central office's seed peer: serve the contents of --library"
            + " that deployments announce, and never install.")
    boolean seed;

    @Option(names = "--library", paramLabel = "DIR",
            description = "With --seed: the content library, as 'cascade connector publish --library' fills it.")
    Path library;

    @Option(names = "--install-command", paramLabel = "TEMPLATE",
            description = "Run for each content a deployment asks to install, e.g. \"msiexec /i {file} /qn\""
                    + " ({file}: the verified file, {content}: its id; split into arguments, no shell). Without it"
                    + " contents are only cached.")
    String installCommand;

    @Option(names = "--install-timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = OptionConverters.Interval.class,
            description = "The install command is killed after this long (default: ${DEFAULT-VALUE}).")
    Duration installTimeout;

    @Option(names = "--large-listen-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_LARGE_MESSAGES_FOREGROUND,
            description = "While running, the port (on the --bind address) for the server's messages too large for one"
                    + " datagram: deployment notices of many pieces (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int largeListenPort;

    @Option(names = "--background-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_CONTENT_BACKGROUND,
            description = "While running, the port (on the --bind address) that serves pieces to sub-offices over the"
                    + " WAN, background protocol (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int backgroundPort;

    @Option(names = "--wan-delay-target", paramLabel = "DURATION", defaultValue = "50ms",
            converter = OptionConverters.Interval.class,
            description = "The queueing delay a background (WAN) download keeps at the edge router at most, 1ms..1s"
                    + " (default: ${DEFAULT-VALUE}); it yields the link to other traffic beyond it.")
    Duration wanDelayTarget;

    @Option(names = "--server-large-port", paramLabel = "PORT", defaultValue = "" + Ports.SERVER_LARGE_MESSAGES_FOREGROUND,
            description = "The server's port for large messages (an inventory report of many contents;"
                    + " default: ${DEFAULT-VALUE}).")
    int serverLargePort;

    /** The options after their checks; anything wrong is a {@link ParameterException} naming the option. */
    record Settings(int contentPort, int uploadSlots, OfficeType officeType, int discoveryPort, boolean seed, Path library,
                    InstallAction install, int largeListenPort, int serverLargePort, int backgroundPort,
                    Duration wanDelayTarget) {
    }

    Settings resolve(CommandLine commandLine) {
        check(commandLine, "--content-port", contentPort, 0, 65_535);
        check(commandLine, "--upload-slots", uploadSlots, 1, 1_024);
        check(commandLine, "--discovery-port", discoveryPort, 0, 65_535);
        check(commandLine, "--large-listen-port", largeListenPort, 0, 65_535);
        check(commandLine, "--server-large-port", serverLargePort, 1, 65_535);
        check(commandLine, "--background-port", backgroundPort, 0, 65_535);
        if (wanDelayTarget.compareTo(Duration.ofMillis(1)) < 0 || wanDelayTarget.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ParameterException(commandLine, "--wan-delay-target: " + wanDelayTarget.toMillis()
                    + " ms is outside 1ms..1s");
        }
        if (seed && library == null) {
            throw new ParameterException(commandLine, "--seed needs --library DIR: the folder the seed serves from");
        }
        if (!seed && library != null) {
            throw new ParameterException(commandLine, "--library is for a seed: add --seed, or leave --library out");
        }
        if (library != null && !Files.isDirectory(library)) {
            throw new ParameterException(commandLine, "--library: " + library + " is not a directory");
        }
        InstallAction install = null;
        if (installCommand != null) {
            try {
                install = InstallAction.parse(installCommand, installTimeout);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, e.getMessage());
            }
        }
        return new Settings(contentPort, uploadSlots, officeType.officeType(), discoveryPort, seed, library, install,
                largeListenPort, serverLargePort, backgroundPort, wanDelayTarget);
    }

    private static void check(CommandLine commandLine, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(commandLine, option + ": " + value + " is outside " + min + ".." + max);
        }
    }
}
