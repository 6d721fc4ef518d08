package dev.cascade.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started
 * in-process from kafka_2.13. Used by the tests and by the local stack ({@code cascade local up}).
 * Its log directory is formatted once; starting again on the same directory keeps every topic
 * and offset, so a restart of the local stack keeps its state.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** Starts a broker on free loopback ports in a fresh temporary directory. */
    public static EmbeddedKafkaBroker startTemporary() {
        try {
            return start(Files.createTempDirectory("cascade-kafka-"), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the Kafka broker", e);
        }
    }

    /**
     * Starts a broker whose logs live under {@code dataDir}, listening on 127.0.0.1:{@code port} for
     * clients and 127.0.0.1:{@code controllerPort} for its controller (0 = any free port).
     * A directory is formatted on first use only.
     *
     * @throws IllegalStateException naming the port when a port is taken
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        int clientPort = port == 0 ? freePort() : requireFree(port, "Kafka client");
        int ctrlPort = controllerPort == 0 ? freePort() : requireFree(controllerPort, "Kafka controller");
        Path logDir = dataDir.resolve("logs");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                props.store(writer, "written by Cascade's EmbeddedKafkaBroker");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, "127.0.0.1:" + clientPort, dataDir);
        broker.awaitReady(Duration.ofSeconds(60));
        return broker;
    }

    private static void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException("Kafka broker at " + bootstrapServers + " is not answering", e);
            }
        }
        close();
        throw last != null ? last : new IllegalStateException("Kafka broker did not start within " + timeout);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(int partitions, Collection<String> topics) {
        createTopics(partitions, topics, Map.of());
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions and these topic configs. */
    public void createTopics(int partitions, Collection<String> topics, Map<String, String> configs) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1).configs(configs)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + topics + " timed out", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static int requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(what + " port " + port + " is already in use", e);
        }
    }
}
