package dev.cascade.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * How the demo's watch ends, against a stand-in metadata-service over real HTTP: done when every office is done and the
 * reports are in; a failure naming the offices not done when time is up, or the agents that stopped.
 */
class DeploymentWatchTest {

    private static final long MIB = 1 << 20;
    private final DemoScenario scenario = DemoScenario.sample(6, MIB, 1_000_000);
    private final AtomicReference<String> progress = new AtomicReference<>();
    private final AtomicReference<String> statistics = new AtomicReference<>("{\"totals\":{\"completed\":6},\"offices\":[]}");
    private final Map<String, Integer> exited = new HashMap<>();
    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/deployments/d-1/progress", exchange -> answer(exchange, progress.get()));
        server.createContext("/contents/demo-package/statistics", exchange -> answer(exchange, statistics.get()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void endsWhenEveryOfficeIsDoneAndRecordsWhenEachWas() {
        progress.set(progress(1));

        DeploymentWatch.Outcome outcome = watch().follow(view(), Duration.ofMinutes(1));

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.offices()).allSatisfy(office -> {
            assertThat(office.complete()).isTrue();
            assertThat(office.completedAfter()).isNotNull();
        });
    }

    @Test
    void timeUpNamesEveryOfficeNotDoneWithHowFarItGot() {
        progress.set(progress(0));

        DeploymentWatch.Outcome outcome = watch().follow(view(), Duration.ZERO);

        assertThat(outcome.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("not every office was done after 0 s: ")
                .contains("Branch North 0/1 done (50 % of its bytes)")
                .contains("Remote workers (VPN) 0/1 done")
                .doesNotContain("Central office"));
    }

    @Test
    void anAgentThatStoppedEndsTheWatchNamingIt() {
        progress.set(progress(0));
        exited.put("south-pc-01", 1);

        DeploymentWatch.Outcome outcome = watch().follow(view(), Duration.ofMinutes(1));

        assertThat(outcome.failure()).hasValue("agents stopped during the deployment: {south-pc-01=1}");
    }

    private DeploymentWatch watch() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new DeploymentWatch(scenario, new DemoServer(url, url, url), new FixedNetwork(), "d-1", "demo-package");
    }

    private static LiveView view() {
        return new LiveView(new PrintWriter(new StringWriter()), false, Duration.ofSeconds(10));
    }

    /** Two pieces. The central office done (the seed and its agent); every other office's one device done, or half there. */
    private String progress(int done) {
        StringBuilder offices = new StringBuilder();
        for (DemoOffice office : scenario.offices()) {
            int targeted = office.central() ? 2 : 1;
            int installed = office.central() ? 2 : done;
            int held = office.central() ? 4 : done == 1 ? 2 : 1;
            offices.append(offices.length() > 0 ? "," : "").append("{\"officeId\":\"").append(office.id())
                    .append("\",\"counts\":{\"targeted\":").append(targeted).append(",\"installed\":").append(installed)
                    .append(",\"downloading\":").append(targeted - installed).append(",\"piecesHeld\":").append(held)
                    .append("}}");
        }
        return "{\"pieceCount\":2,\"offices\":[" + offices + "]}";
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A network whose links carried nothing and whose agents are those {@link #exited} names. */
    private final class FixedNetwork implements DemoNetwork {
        @Override public String scenarioNetwork() { return DemoScenario.LOOPBACK; }
        @Override public String gatewayBindHost() { return "127.0.0.1"; }
        @Override public String describe() { return "fixed"; }
        @Override public void open(DemoScenario s) { }
        @Override public String serverHost(DemoOffice office) { return "127.0.0.1"; }
        @Override public List<String> agentOptions(DemoOffice office) { return List.of(); }
        @Override public void startAgent(String hostname, DemoOffice office, String address, List<String> args, Path log) { }
        @Override public Map<String, Integer> exited() { return Map.copyOf(exited); }
        @Override public void stopAgents() { }
        @Override public Map<String, Long> bytesIntoOffices() { return Map.of(); }
        @Override public long bytesIn() { return 0; }
        @Override public long bytesOut() { return 0; }
        @Override public String measuredAs() { return "nothing"; }
        @Override public void close() { }
    }
}
