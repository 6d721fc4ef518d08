package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.testkit.HealthProbe;
import dev.cascade.testkit.ServiceProcess;

/**
 * The gateway's embedded build ({@code services/udp-gateway/target/embedded-app/quarkus-run.jar})
 * as a child JVM ({@link ServiceProcess}) on free ports, with a full JIT so it can warm up.
 */
final class GatewayProcess extends GatewayUnderTest {

    private static final Pattern SMALL_MESSAGES_PORT = Pattern.compile(
            "\\{\"name\":\"small-messages\",\"host\":\"[^\"]*\",\"port\":(\\d+)}");

    private final HealthProbe health = new HealthProbe();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayProcess(ServiceProcess process) {
        super(process);
    }

    /** Starts the gateway behind {@code launcher} (e.g. taskset; empty for none). */
    static GatewayProcess start(Path jar, Path dataDir, String bootstrapServers, Path keyFile, String heap,
                                List<String> extraJvmOptions, List<String> launcher) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway is not built (missing " + jar
                    + "). Build it with: ./mvnw -B -DskipTests install -pl services/udp-gateway");
        }
        int httpPort = ServiceProcess.freePort();
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("quarkus.profile", "embedded");
        props.put("cascade.data-dir", dataDir.toString());
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("quarkus.http.port", Integer.toString(httpPort));
        props.put("cascade.keys.file", keyFile.toString());
        props.put("cascade.gateway.host", "127.0.0.1");
        for (String port : List.of("small-messages", "small-replies", "large-replies-foreground",
                "large-messages-foreground", "large-replies-background", "large-messages-background", "control")) {
            props.put("cascade.gateway.ports." + port, "0");
        }
        // one load generator on one address stands for many peers: lift the per-source limit
        props.put("cascade.gateway.register-rate-limit.per-second", "1000000000");
        props.put("cascade.gateway.register-rate-limit.burst", "1000000000");
        props.put("quarkus.log.level", "WARN");
        List<String> command = ChildJvms.command(launcher, jvmOptions(heap, extraJvmOptions), props,
                List.of("-jar", jar.toString()));
        return new GatewayProcess(ServiceProcess.launch("udp-gateway", command, dataDir.resolve("udp-gateway.log"),
                "http://127.0.0.1:" + httpPort));
    }

    /** The JVM options of deploy/k8s/40-udp-gateway.yaml, with {@code heap} instead of 75 % of a limit, then {@code extra}. */
    static List<String> jvmOptions(String heap, List<String> extra) {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:NewRatio=1",
                "-XX:+UseSerialGC"));
        jvm.addAll(extra);
        return jvm;
    }



    /** Waits for readiness, then returns the bound small-messages address from {@code GET /gateway/status}. */
    @Override
    InetSocketAddress awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("the gateway exited with code " + process.exitCode() + "; see " + process.log());
            }
            if (health.ready(process.url())) {
                String status = get("/gateway/status").orElseThrow();
                Matcher matcher = SMALL_MESSAGES_PORT.matcher(status.replace(" ", ""));
                if (!matcher.find()) {
                    throw new IllegalStateException("GET /gateway/status names no small-messages port: " + status);
                }
                return new InetSocketAddress("127.0.0.1", Integer.parseInt(matcher.group(1)));
            }
            sleep(300);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout.toSeconds() + " s; see " + process.log());
    }

    /** One counter of {@code /q/metrics}, e.g. {@code cascade_gateway_datagrams_rejected_total{reason="queue_full"}}. */
    @Override
    double metric(String series) {
        String body = get("/q/metrics").orElse("");
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    private java.util.Optional<String> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(process.url() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }



    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
