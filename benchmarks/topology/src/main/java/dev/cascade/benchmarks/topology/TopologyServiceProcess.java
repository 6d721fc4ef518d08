package dev.cascade.benchmarks.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.cascade.testkit.HealthProbe;
import dev.cascade.testkit.ServiceProcess;

/**
 * topology-service's embedded build ({@code services/topology-service/target/embedded-app/quarkus-run.jar})
 * as a child JVM ({@link ServiceProcess}): H2 in its own data directory, a free HTTP port, the given
 * Kafka broker, and a full JIT so a long import is compiled as it would be in production. Its
 * metadata-service gRPC client points at a port nothing listens on, so the import's peer moves are
 * "unavailable" and the measurement is topology-service's own work.
 */
final class TopologyServiceProcess implements AutoCloseable {

    private final ServiceProcess process;
    private final HealthProbe health = new HealthProbe();

    private TopologyServiceProcess(ServiceProcess process) {
        this.process = process;
    }

    /**
     * @param extraProperties further {@code -D} settings, e.g. {@code cascade.topology.server-ip}
     * @throws IllegalStateException naming the jar and how to build it when it is missing
     */
    static TopologyServiceProcess start(Path jar, Path dataDir, String bootstrapServers, String heap,
                                        List<String> extraJvmOptions, Map<String, String> extraProperties) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("topology-service is not built (missing " + jar
                    + "). Build it with: ./mvnw -B -DskipTests install -pl services/topology-service");
        }
        int httpPort = ServiceProcess.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", "embedded");
        props.put("cascade.data-dir", dataDir.toString());
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("quarkus.http.port", Integer.toString(httpPort));
        props.put("quarkus.grpc.clients.metadata.host", "127.0.0.1");
        props.put("quarkus.grpc.clients.metadata.port", Integer.toString(ServiceProcess.freePort()));
        props.putAll(extraProperties);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(extraJvmOptions);
        return new TopologyServiceProcess(ServiceProcess.launch("topology-service", jar, jvm, props,
                dataDir.resolve("topology-service.log"), "http://127.0.0.1:" + httpPort));
    }

    /** Waits until {@code /q/health/ready} says UP (Liquibase has run, Kafka is reachable). */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("topology-service exited with code " + process.exitCode() + "; last lines of "
                        + process.log() + ":\n" + process.logTail(30));
            }
            if (health.ready(process.url())) {
                return;
            }
            sleep(300);
        }
        throw new IllegalStateException("topology-service was not ready within " + timeout.toSeconds() + " s; see "
                + process.log());
    }

    String url() {
        return process.url();
    }

    Path log() {
        return process.log();
    }

    /**
     * The service's own log lines about imports, applies and reloads (where it says how long reading,
     * building the resolver and writing took), so a result can be explained; nothing is parsed from them.
     */
    String ownAccount() {
        try (Stream<String> lines = Files.lines(process.log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("[dev.cascade.topology.service.")).map(line -> "  " + line)
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topology-service's log " + process.log(), e);
        }
    }

    /** SIGTERM (Quarkus closes H2 and the outbox relay), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.stop(30);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topology-service", e);
        }
    }
}
