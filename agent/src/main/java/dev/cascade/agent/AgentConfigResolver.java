package dev.cascade.agent;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.cascade.contracts.v1.DeviceClass;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Fills in every option the command line left out from what the machine tells ({@link HostFacts}),
 * and checks the combination. Anything wrong is a {@link ParameterException} naming the option,
 * which picocli prints with the usage and exit code {@link Outcome#USAGE}.
 */
final class AgentConfigResolver {

    private static final int MAX_HOSTNAME_LENGTH = 253;

    private final CommandLine commandLine;
    private final HostFacts hostFacts;

    AgentConfigResolver(CommandLine commandLine, HostFacts hostFacts) {
        this.commandLine = commandLine;
        this.hostFacts = hostFacts;
    }

    AgentConfig resolve(AgentMain options) {
        checkRange("--reply-port", options.replyPort, 0, 65_535);
        checkRange("--listen-port", options.listenPort, 0, 65_535);
        checkRange("--max-attempts", options.maxAttempts, 1, 1_000);
        checkPositive("--initial-timeout", options.initialTimeout);
        checkPositive("--reregister-interval", options.reregisterInterval);
        checkPositive("--heartbeat-interval", options.heartbeatInterval);
        checkPositive("--round-pause", options.roundPause);
        if (options.maxRoundPause.compareTo(options.roundPause) < 0) {
            throw invalid("--max-round-pause", "must be at least --round-pause (" + options.roundPause + ")");
        }
        if (options.cacheLimit != null && options.cacheLimit < 0) {
            throw invalid("--cache-limit", "must not be negative");
        }
        InetSocketAddress server = resolveServer(options.server);
        InetAddress bind = options.bind != null ? options.bind : routedTo(server);
        InetAddress ip = options.ip != null ? options.ip : bind.isAnyLocalAddress() ? routedTo(server) : bind;
        int prefix = options.prefixLength != null ? options.prefixLength : prefixOf(ip);
        checkRange("--prefix-length", prefix, 0, ip instanceof Inet4Address ? 32 : 128);
        String hostname = options.hostname != null ? options.hostname.trim() : detectedHostname();
        if (hostname.isEmpty() || hostname.length() > MAX_HOSTNAME_LENGTH) {
            throw invalid("--hostname", "'" + hostname + "' must be 1.." + MAX_HOSTNAME_LENGTH + " characters");
        }
        Path cacheDir = options.cacheDir != null ? options.cacheDir : options.stateDir.resolve("cache");
        OptionalLong cacheLimit = options.cacheLimit != null ? OptionalLong.of(options.cacheLimit) : OptionalLong.empty();
        try {
            new StorageFacts(cacheDir, cacheLimit).measure(); // fail now, naming the option, rather than at the first round
        } catch (UncheckedIOException e) {
            throw invalid("--cache-dir", e.getMessage());
        }
        return new AgentConfig(options.server, server, options.keySource.key(), options.stateDir, bind,
                options.replyPort, hostname, ip, prefix,
                options.deviceClass != null ? options.deviceClass : detectedDeviceClass(), options.osType,
                cacheDir, cacheLimit, options.once, options.reregisterInterval, options.heartbeatInterval, options.maxAttempts,
                options.initialTimeout, options.roundPause, options.maxRoundPause);
    }

    private String detectedHostname() {
        try {
            return hostFacts.hostname();
        } catch (UncheckedIOException e) {
            throw invalid("--hostname", e.getMessage() + "; pass --hostname");
        }
    }

    private DeviceClass detectedDeviceClass() {
        try {
            return hostFacts.deviceClass();
        } catch (UncheckedIOException e) {
            throw invalid("--device-class", e.getMessage() + "; pass --device-class");
        }
    }

    private InetSocketAddress resolveServer(ServerAddress server) {
        try {
            return new InetSocketAddress(InetAddress.getByName(server.host()), server.port());
        } catch (UnknownHostException e) {
            throw invalid("--server", "cannot resolve host '" + server.host() + "'");
        }
    }

    private InetAddress routedTo(InetSocketAddress server) {
        try {
            return HostFacts.routedLocalAddress(server);
        } catch (SocketException e) {
            throw invalid("--bind", "cannot tell which local address routes to " + server + " (" + e.getMessage()
                    + "); pass --bind ADDRESS");
        }
    }

    private int prefixOf(InetAddress ip) {
        OptionalInt prefix;
        try {
            prefix = HostFacts.prefixLength(ip);
        } catch (SocketException e) {
            throw invalid("--prefix-length", "cannot list network interfaces (" + e.getMessage() + "); pass --prefix-length");
        }
        return prefix.orElseThrow(() -> invalid("--prefix-length", "no network interface holds "
                + ip.getHostAddress() + ", so its prefix length is unknown; pass --prefix-length"));
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(option, value + " is outside " + min + ".." + max);
        }
    }

    private void checkPositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw invalid(option, "must be longer than zero");
        }
    }

    private ParameterException invalid(String option, String problem) {
        return new ParameterException(commandLine, option + ": " + problem);
    }
}
