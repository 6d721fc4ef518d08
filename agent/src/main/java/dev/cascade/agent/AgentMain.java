package dev.cascade.agent;

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
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.Ports;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.WireKey;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code cascade-agent} command: reads the options, fills in what the machine tells, and registers; without
 * {@code --once} it keeps running ({@link RunningAgent}).
 * Its sub-commands run peer discovery: {@link DiscoverCommand} asks, {@link ServeDiscoveryCommand} answers.
 */
@Command(name = "cascade-agent", mixinStandardHelpOptions = true, sortOptions = false,
        version = "cascade-agent " + AgentVersion.CLIENT_VERSION,
        description = {"Registers this device with a Cascade server over the UDP wire protocol and, while running,"
                + " sends heartbeats, serves the pieces it holds and follows the deployments the server announces"
                + " (asks for a source plan, fetches from the planned peers, holders found by broadcast on its subnet"
                + " or the origin, verifies, installs, reports), and answers its subnet's DISCOVER broadcasts.",
            "The sub-commands find peers on the subnet by broadcast (DISCOVER) and answer them, by hand."},
        subcommands = {DiscoverCommand.class, ServeDiscoveryCommand.class},
        exitCodeOnInvalidInput = Outcome.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:registered (--once)",
            "1:refused for another reason, or a local failure",
            "2:no answer from the server after every attempt",
            "3:the server refused our key",
            "4:the server does not support this agent's client or protocol version",
            "5:our clock is too far off the server's",
            "6:the server found our registration malformed",
            "7:the server stayed overloaded",
            "64:bad command-line input"})
public final class AgentMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Required to register, but not by picocli: it would demand them before a sub-command too (see call()).
    @Option(names = "--server", paramLabel = "HOST[:PORT]", converter = OptionConverters.Server.class,
            description = "The server's small-message address (port default: " + Ports.SERVER_SMALL_MESSAGES
                    + "). Required.")
    ServerAddress server;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    KeySource keySource;

    /** The fleet key, from a key file or given inline; every agent command takes it the same way. */
    static final class KeySource {
        @Option(names = "--key-file", paramLabel = "PATH", converter = OptionConverters.FleetKeysFromFile.class,
                description = "A key file; the agent signs with its current fleet key (and accepts a retired one"
                        + " until its grace period ends).")
        FleetKeys fromFile;

        @Option(names = "--fleet-key", paramLabel = "ID:BASE64", converter = OptionConverters.FleetKey.class,
                description = "The fleet key itself: <id>:<base64 of 32 bytes> (other local users can see it in the"
                        + " process list: prefer --key-file).")
        WireKey inline;

        /** The key to sign with. */
        WireKey key() {
            return fromFile != null ? fromFile.current() : inline;
        }

        /** The keys to verify with: the current one and, from a key file, a retired one in its grace period. */
        KeyRing ring() {
            return new KeyRing(keys());
        }

        /** Every fleet key given: the current one and, from a key file, retired ones in their grace period. */
        List<WireKey> keys() {
            return fromFile != null ? fromFile.all() : List.of(inline);
        }
    }

    /** The key options' synopsis, as picocli would print it for a required group. */
    static final String KEY_OPTIONS = "(--key-file=PATH | --fleet-key=ID:BASE64)";

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cascade-agent",
            description = "Holds the device id and the fleet keys the server delivered, kept across restarts"
                    + " (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--bind", paramLabel = "ADDRESS", converter = OptionConverters.AddressLiteral.class,
            description = "Local address to send from and receive replies on (default: the one routed to the server).")
    InetAddress bind;

    @Option(names = "--reply-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_SMALL_REPLIES,
            description = "Local port for replies (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int replyPort;

    @Option(names = "--listen-port", paramLabel = "PORT", defaultValue = "" + Ports.CLIENT_SMALL_MESSAGES,
            description = "While running, the local port (on the --bind address) for the server's messages: the"
                    + " fleet key at activation (CLIENT_ACTIVATION), deployment notices, source plans"
                    + " (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int listenPort;

    @Option(names = "--hostname", description = "Host name to register (default: this machine's).")
    String hostname;

    @Option(names = "--ip", paramLabel = "ADDRESS", converter = OptionConverters.AddressLiteral.class,
            description = "Address to register (default: the bind address).")
    InetAddress ip;

    @Option(names = "--prefix-length", paramLabel = "BITS",
            description = "Prefix length of that address (default: its network interface's).")
    Integer prefixLength;

    @Option(names = "--device-class", paramLabel = "desktop|laptop", converter = OptionConverters.DeviceClassName.class,
            description = "Default: laptop when the machine has a battery, else desktop.")
    DeviceClass deviceClass;

    @Option(names = "--os-type", paramLabel = "server|workstation", defaultValue = "workstation",
            converter = OptionConverters.OsTypeName.class, description = "Default: ${DEFAULT-VALUE}.")
    OsType osType;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The content cache (default: <state-dir>/cache).")
    Path cacheDir;

    @Option(names = "--cache-limit", paramLabel = "SIZE", converter = OptionConverters.Size.class,
            description = "Most the cache may use: bytes or 500M, 10G... (default: what the volume gives).")
    Long cacheLimit;

    @Mixin
    ContentOptions contentOptions = new ContentOptions();

    @Option(names = "--once", description = "Register, then exit (0 when acknowledged).")
    boolean once;

    @Option(names = "--reregister-interval", paramLabel = "DURATION", defaultValue = "15m",
            converter = OptionConverters.Interval.class,
            description = "While running, register again this often (default: ${DEFAULT-VALUE}).")
    Duration reregisterInterval;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "60s",
            converter = OptionConverters.Interval.class,
            description = "While running, send a heartbeat (address, storage, uptime, busy) this often between"
                    + " registrations (default: ${DEFAULT-VALUE}).")
    Duration heartbeatInterval;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "8",
            description = "Sends per round before giving up on an answer (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--initial-timeout", paramLabel = "DURATION", defaultValue = "250ms",
            converter = OptionConverters.Interval.class,
            description = "Wait after the first send; doubles per attempt up to 8 s (default: ${DEFAULT-VALUE}).")
    Duration initialTimeout;

    @Option(names = "--round-pause", paramLabel = "DURATION", defaultValue = "30s",
            converter = OptionConverters.Interval.class,
            description = "While running, pause after an unanswered round; doubles per round"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration roundPause;

    @Option(names = "--max-round-pause", paramLabel = "DURATION", defaultValue = "10m",
            converter = OptionConverters.Interval.class, description = "Cap of that pause (default: ${DEFAULT-VALUE}).")
    Duration maxRoundPause;

    private final HostFacts hostFacts;

    public AgentMain() {
        this(HostFacts.system());
    }

    AgentMain(HostFacts hostFacts) {
        this.hostFacts = hostFacts;
    }

    /**
     * Runs the command. SIGTERM (or Ctrl-C) interrupts a running agent and waits for it to stop cleanly (jobs end,
     * verified pieces stay, sockets close) before the JVM exits.
     */
    public static void main(String[] args) {
        Thread command = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean terminating = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminating.set(true);
            if (!finished.get()) {
                command.interrupt();
                try {
                    command.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stop-agent"));
        int exitCode = commandLine().execute(args);
        finished.set(true);
        if (!terminating.get()) { // System.exit during shutdown would wait for the hook, which waits for us
            System.exit(exitCode);
        }
    }

    /** The command as the jar runs it: a usage error prints the error and a hint, not the whole help. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AgentMain());
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return Outcome.USAGE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (server == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--server=HOST[:PORT]'");
        }
        if (keySource == null) {
            throw new ParameterException(spec.commandLine(), "Missing required argument (specify one of these): "
                    + KEY_OPTIONS);
        }
        AgentConfig config = new AgentConfigResolver(spec.commandLine(), hostFacts).resolve(this);
        UUID deviceId = deviceId(config.stateDir());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FleetKeyStore keys = fleetKeys(config);
        keys.warnings().forEach(err::println);
        if (keys.signingKey().id() != config.key().id()) {
            out.println("signing with fleet key " + keys.signingKey().id() + " (delivered by the server, kept in "
                    + keys.file() + ")");
        }
        out.flush();
        err.flush();
        SequenceCounter sequences = new SequenceCounter();
        ContentOptions.Settings contentSettings = config.once() ? null : contentOptions.resolve(spec.commandLine());
        InetSocketAddress local = new InetSocketAddress(config.bind(), config.replyPort());
        try (DatagramSocket socket = new DatagramSocket(local)) {
            SmallMessageClient client = new SmallMessageClient(socket, deviceId, keys.ring(), KeyPurpose.FLEET, sequences,
                    Clock.systemUTC());
            StorageFacts storage = new StorageFacts(config.cacheDir(), config.cacheLimit());
            Registration registration = new Registration(config, deviceId, client, storage, hostFacts.bootTimeUnixMs(),
                    Clock.systemUTC());
            if (config.once()) {
                // registering once serves no content, so it is never busy
                HeartbeatExchange heartbeat = new HeartbeatExchange(config, client, storage, hostFacts.bootTimeUnixMs(),
                        () -> false, Clock.systemUTC());
                return new RegistrationLoop(registration, heartbeat, config, d -> Thread.sleep(d.toMillis()), out, err)
                        .runOnce();
            }
            return new RunningAgent(config, contentSettings, listenPort, deviceId, keys, sequences, out, err)
                    .run(registration, busy -> new HeartbeatExchange(config, client, storage, hostFacts.bootTimeUnixMs(),
                            busy, Clock.systemUTC()));
        } catch (SocketException e) {
            err.println("cannot listen for replies on " + local.getAddress().getHostAddress() + ":" + local.getPort()
                    + ": " + e.getMessage() + " (is another agent running? --reply-port chooses another port)");
            err.flush();
            return Outcome.FAILED;
        }
    }

    private FleetKeyStore fleetKeys(AgentConfig config) {
        try {
            return FleetKeyStore.open(keySource.keys(), config.stateDir(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state-dir: " + e.getMessage());
        }
    }

    private UUID deviceId(Path dir) {
        try {
            return DeviceIdentity.loadOrCreate(dir);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state-dir: " + e.getMessage());
        }
    }
}
