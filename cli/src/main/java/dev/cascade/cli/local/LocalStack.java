package dev.cascade.cli.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cascade.contracts.Topics;
import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.testkit.HealthProbe;
import dev.cascade.testkit.ServiceProcess;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;

/**
 * The whole system on one machine: a real embedded KRaft broker in this JVM, the five services
 * as child JVMs running their embedded builds (H2 file databases under the data directory), and the
 * key file the gateway and local agents share. Everything lives under {@code dataDir}, so stopping
 * and starting again keeps every topic, offset and table.
 */
public final class LocalStack implements AutoCloseable {

    /** The topics of the system, created up front so no consumer waits on auto-creation. */
    static final List<String> TOPICS = List.of(
            Topics.PEER_REGISTRATIONS,
            Topics.deadLetter(Topics.PEER_REGISTRATIONS, "metadata-service"),
            Topics.deadLetter(Topics.PEER_REGISTRATIONS, "licensing-service"),
            Topics.PEER_REPLIES,
            Topics.deadLetter(Topics.PEER_REPLIES, "metadata-service"),
            Topics.PEER_CONTROL,
            Topics.deadLetter(Topics.GATEWAY_OUTBOUND, "udp-gateway"),
            Topics.TOPOLOGY_CHANGES,
            Topics.deadLetter(Topics.TOPOLOGY_CHANGES, "metadata-service"),
            Topics.PEER_HEARTBEATS,
            Topics.deadLetter(Topics.PEER_HEARTBEATS, "metadata-service"),
            Topics.deadLetter(Topics.PEER_INVENTORY, "metadata-service"),
            Topics.deadLetter(Topics.PEER_TRANSFERS, "metadata-service"),
            Topics.PEER_PLAN_REQUESTS,
            Topics.deadLetter(Topics.PEER_PLAN_REQUESTS, "topology-service"),
            Topics.deadLetter(Topics.PEER_HEARTBEATS, "licensing-service"),
            Topics.LICENSING_USAGE_WARNINGS,
            Topics.ACTIVATION_EVENTS,
            Topics.deadLetter(Topics.ACTIVATION_EVENTS, "metadata-service"),
            Topics.deadLetter(Topics.PEER_REGISTRATIONS, "activation-service"),
            Topics.deadLetter(Topics.PEER_HEARTBEATS, "activation-service"));

    /** Topics that carry whole large messages (up to 16 MiB, protocol.md §10): a larger record limit. */
    static final List<String> LARGE_RECORD_TOPICS = List.of(Topics.CONNECTOR_REQUESTS, Topics.PEER_INVENTORY,
            Topics.PEER_TRANSFERS, Topics.GATEWAY_OUTBOUND,
            Topics.deadLetter(Topics.CONNECTOR_REQUESTS, "metadata-service"), Topics.deadLetter(Topics.CONNECTOR_REQUESTS, "activation-service"),
            Topics.deadLetter(Topics.PEER_INVENTORY, "metadata-service"), Topics.deadLetter(Topics.PEER_TRANSFERS, "metadata-service"),
            Topics.deadLetter(Topics.GATEWAY_OUTBOUND, "udp-gateway"));
    static final Map<String, String> LARGE_RECORD_CONFIG = Map.of("max.message.bytes", String.valueOf(20 * 1024 * 1024));

    /**
     * How long a service may take to stop before it is killed, as Kubernetes' default grace period. They take 1–3 s; a
     * service killed before its Kafka consumers left their groups makes the broker hold their partitions for a
     * session timeout (45 s) after the next start.
     */
    static final long STOP_GRACE_SECONDS = 30;

    /** Five JVMs start at once on small machines: small heaps ({@link Service#maxHeap()}), and C1 only for a quicker start. */
    private static List<String> jvmOptions(Service service) {
        return List.of("-Xmx" + service.maxHeap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    private final Settings settings;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final StaleProcesses pidFile;
    private EmbeddedKafkaBroker broker;
    private boolean closed;
    private boolean claimed;

    /**
     * @param home          the repository root (holds services/*&#47;target/embedded-app)
     * @param dataDir       where Kafka logs, H2 databases, logs and the key file live
     * @param bindHost      the address the gateway's UDP socket binds
     * @param kafkaPort     Kafka's client port (its controller uses the next port)
     * @param httpBasePort  gateway's HTTP port; the other services use the next four
     * @param udpPorts      the gateway's UDP server ports
     */
    /**
     * @param properties extra system properties per service (e.g. licensing-service's trusted license keys);
     *                   they win over the stack's own
     */
    public record Settings(Path home, Path dataDir, String bindHost, int kafkaPort, int httpBasePort, GatewayPorts udpPorts,
                           Duration startTimeout, PrintStream out, Map<Service, Map<String, String>> properties) {

        public Settings {
            Map<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
            properties.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
            properties = Collections.unmodifiableMap(copy);
        }

        public Settings(Path home, Path dataDir, String bindHost, int kafkaPort, int httpBasePort, GatewayPorts udpPorts,
                        Duration startTimeout, PrintStream out) {
            this(home, dataDir, bindHost, kafkaPort, httpBasePort, udpPorts, startTimeout, out, Map.of());
        }

        public static Settings defaults(Path home, Path dataDir, PrintStream out) {
            return new Settings(home, dataDir, "0.0.0.0", 9092, 8081, GatewayPorts.defaults(), Duration.ofSeconds(180), out);
        }

        /** These settings with {@code key=value} added to {@code service}'s system properties. */
        public Settings withProperty(Service service, String key, String value) {
            Map<Service, Map<String, String>> more = new EnumMap<>(Service.class);
            more.putAll(properties);
            Map<String, String> values = new LinkedHashMap<>(properties.getOrDefault(service, Map.of()));
            values.put(key, value);
            more.put(service, values);
            return new Settings(home, dataDir, bindHost, kafkaPort, httpBasePort, udpPorts, startTimeout, out, more);
        }
    }

    /**
     * The broker logs through SLF4J: its chatter goes to {@code kafka.log} in {@code logDir}, warnings and errors only.
     * Call before anything logs (SLF4J's simple logger reads these once).
     */
    public static void routeBrokerLogs(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (java.io.IOException e) {
            return; // the stack reports the unusable data directory with a clear message
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", logDir.resolve("kafka.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private LocalStack(Settings settings) {
        this.settings = settings;
        this.pidFile = new StaleProcesses(settings.dataDir().resolve("run").resolve("local-stack.pids"));
    }

    /** A stack not started yet: register {@link #close()} (e.g. as a shutdown hook) before {@link #start()}. */
    public static LocalStack of(Settings settings) {
        return new LocalStack(settings);
    }

    /** Starts everything and waits until every service is ready; on any failure stops what started and throws. */
    public static LocalStack start(Settings settings) {
        return of(settings).start();
    }

    /** Starts everything and waits until every service is ready; on any failure stops what started and throws. */
    public LocalStack start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        Map<Service, Path> jars = locateJars();
        int leftovers = pidFile.stopLeftovers();
        if (leftovers > 0) {
            say("stopped " + leftovers + " service process(es) left running by an earlier run");
        }
        checkPorts();
        pidFile.record(List.of()); // claim the data directory before anything starts
        claimed = true;
        try {
            Files.createDirectories(settings.dataDir());
        } catch (java.io.IOException e) {
            throw new LocalStackException("cannot create data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        for (String database : StaleMigrationLocks.release(settings.dataDir().resolve("db"))) {
            say("released the migration lock an interrupted start left in database '" + database + "'");
        }
        if (KeyFile.createIfMissing(keyFile())) {
            say("generated wire keys in " + keyFile());
        }
        if (!Files.exists(connectorKeyFile())) {
            // the installer's shared key, for `cascade connector` (the server replaces it at activation)
            KeyFile.write(connectorKeyFile(), List.of(KeyFile.current(keyFile(), KeyPurpose.CONNECTOR)));
            say("wrote the connector's installation key to " + connectorKeyFile());
        }

        say("starting Kafka (embedded KRaft broker) on 127.0.0.1:" + settings.kafkaPort() + " ...");
        requireNotClosed();
        broker = EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaPort() + 1);
        broker.createTopics(3, TOPICS);
        broker.createTopics(3, LARGE_RECORD_TOPICS, LARGE_RECORD_CONFIG);

        for (Service service : Service.values()) {
            int port = service.port(settings.httpBasePort());
            requireNotClosed();
            try {
                services.put(service, ServiceProcess.launch(service.module(), jars.get(service), jvmOptions(service), systemProperties(service),
                        settings.dataDir().resolve("logs").resolve(service.module() + ".log"), "http://127.0.0.1:" + port));
            } catch (IllegalStateException e) {
                throw new LocalStackException(e.getMessage(), e);
            }
        }
        pidFile.record(services.values().stream().map(ServiceProcess::pid).toList());
        say("starting " + services.size() + " services (logs in " + settings.dataDir().resolve("logs") + ") ...");
        awaitReady();
    }

    private Map<Service, Path> locateJars() {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            Path jar = settings.home().resolve("services").resolve(service.module())
                    .resolve("target").resolve("embedded-app").resolve("quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
            jars.put(service, jar);
        }
        if (!missing.isEmpty()) {
            throw new LocalStackException("the services are not built (missing " + String.join(", ", missing)
                    + "). Build them with: ./mvnw -B -DskipTests install");
        }
        return jars;
    }

    private void checkPorts() {
        PortCheck check = new PortCheck()
                .tcp("127.0.0.1", settings.kafkaPort(), "Kafka")
                .tcp("127.0.0.1", settings.kafkaPort() + 1, "Kafka controller");
        for (Service service : Service.values()) {
            check.tcp("0.0.0.0", service.port(settings.httpBasePort()), service.module() + " HTTP");
        }
        settings.udpPorts().byName().forEach((name, port) -> check.udp(settings.bindHost(), port, "udp-gateway " + name));
        check.requireAllFree();
    }

    private Map<String, String> systemProperties(Service service) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", "embedded");
        props.put("cascade.data-dir", settings.dataDir().toAbsolutePath().toString());
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.put("quarkus.http.port", String.valueOf(service.port(settings.httpBasePort())));
        for (String client : service.grpcClients()) {
            props.put("quarkus.grpc.clients." + client + ".host", "127.0.0.1");
            props.put("quarkus.grpc.clients." + client + ".port",
                    String.valueOf(Service.forClient(client).port(settings.httpBasePort())));
        }
        if (service == Service.GATEWAY) {
            props.put("cascade.gateway.host", settings.bindHost());
            settings.udpPorts().byName().forEach((name, port) ->
                    props.put("cascade.gateway.ports." + name, String.valueOf(port)));
            props.put("cascade.keys.file", keyFile().toAbsolutePath().toString());
        }
        if (service == Service.ACTIVATION) {
            // activation-service owns the keys: it imports the installer's file once and rewrites it on every change
            props.put("cascade.activation.key-file", keyFile().toAbsolutePath().toString());
        }
        props.putAll(settings.properties().getOrDefault(service, Map.of()));
        return props;
    }

    private void awaitReady() {
        HealthProbe probe = new HealthProbe();
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        List<Service> pending = new ArrayList<>(services.keySet());
        while (!pending.isEmpty()) {
            requireNotClosed();
            for (Service service : List.copyOf(pending)) {
                ServiceProcess process = services.get(service);
                if (!process.alive()) {
                    throw new LocalStackException(service.module() + " exited with code " + process.exitCode()
                            + " while starting. Last lines of " + process.log() + ":" + System.lineSeparator()
                            + process.logTail(25));
                }
                if (probe.ready(process.url())) {
                    pending.remove(service);
                    say("  " + service.module() + " is UP at " + process.url());
                }
            }
            if (System.nanoTime() > deadline) {
                Service first = pending.get(0);
                throw new LocalStackException(pending.stream().map(Service::module).toList()
                        + " not ready after " + settings.startTimeout().toSeconds() + " s. Last lines of "
                        + services.get(first).log() + ":" + System.lineSeparator() + services.get(first).logTail(25));
            }
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
    }

    /** The service's base URL, e.g. http://127.0.0.1:8082. */
    public String url(Service service) {
        return services.get(service).url();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The gateway's small-message port, where peers register. */
    public int udpPort() {
        return settings.udpPorts().smallMessages();
    }

    public GatewayPorts udpPorts() {
        return settings.udpPorts();
    }

    public Path keyFile() {
        return settings.dataDir().resolve("keys.properties");
    }

    /** The connector's own key file (`cascade connector --key-file`'s default under ./data). */
    public Path connectorKeyFile() {
        return settings.dataDir().resolve("connector-key.properties");
    }

    /** What `cascade local up` prints once everything is ready. */
    public String summary() {
        StringBuilder text = new StringBuilder("Cascade is running on its embedded defaults.").append(System.lineSeparator());
        for (Service service : Service.values()) {
            text.append(String.format("  %-19s %s  (REST and gRPC; /q/health, /q/metrics, /q/openapi)%n",
                    service.module(), services.get(service).url()));
        }
        text.append(String.format("  %-19s udp %s: %s%n", "udp-gateway", settings.bindHost(),
                settings.udpPorts().byName().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", "))));
        text.append(String.format("  %-19s %s (data in %s)%n", "kafka", broker.bootstrapServers(),
                settings.dataDir().resolve("kafka")));
        text.append(String.format("  %-19s %s%n", "wire keys", keyFile()));
        text.append(String.format("  %-19s %s%n", "connector key", connectorKeyFile()));
        text.append("Register a peer:  java -jar agent/target/cascade-agent.jar --server 127.0.0.1:")
                .append(udpPort()).append(" --key-file ").append(keyFile()).append(System.lineSeparator());
        text.append("Press Ctrl-C to stop.");
        return text.toString();
    }

    /** Stops the services (gracefully, then forcibly), then the broker. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ServiceProcess> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running); // the gateway first: stop taking datagrams before consumers go
        running.parallelStream().forEach(p -> p.stop(STOP_GRACE_SECONDS));
        if (claimed) {
            pidFile.clear(); // never another stack's
        }
        if (broker != null) {
            broker.close();
        }
    }

    private synchronized void requireNotClosed() {
        if (closed) {
            throw new LocalStackException("stopped while starting");
        }
    }

    private void say(String line) {
        settings.out().println(line);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the services");
        }
    }
}
