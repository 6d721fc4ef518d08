package dev.cascade.cli.license;

import static dev.cascade.cli.CliRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cascade.cli.CliRun;

/**
 * The {@code cascade license} commands against a stand-in for licensing-service's REST API (a real
 * HTTP server answering what the service answers), to check what they send and how they print the
 * answers and refusals. The service's own behaviour is tested in licensing-service.
 */
class LicenseCommandsTest {

    private HttpServer server;
    private String url;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>(); // "METHOD path" -> {status, content type, body}
    private final List<String> requests = new ArrayList<>();
    private volatile String lastBody;
    private volatile String lastAccept;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        synchronized (requests) {
            requests.add(key);
        }
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastAccept = exchange.getRequestHeaders().getFirst("Accept");
        String[] answer = answers.getOrDefault(key, new String[] {"404", "application/json", "{\"status\":404,\"message\":\"no\"}"});
        byte[] body = answer[2].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer[1]);
        exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void importSendsTheFileAndPrintsTheLicense() throws IOException {
        Path file = dir.resolve("license.json");
        Files.writeString(file, LicenseFileSignerTest.DOCUMENTED_FILE);
        answers.put("POST /licenses", new String[] {"201", "application/json", """
                {"id":3,"licenseKey":"CSC-TEST-0000-0001","customer":"Example Corp","seats":100,
                 "validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z","active":true}"""});

        CliRun run = cascade("license", "import", file.toString(), "--url", url);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lastBody).isEqualTo(LicenseFileSignerTest.DOCUMENTED_FILE);
        assertThat(run.out()).contains("imported license CSC-TEST-0000-0001: Example Corp, 100 seats, valid 2026-01-01T00:00:00Z to "
                + "2027-01-01T00:00:00Z (active)");
    }

    @Test
    void aRefusalIsPrintedWithItsReason() throws IOException {
        Path file = dir.resolve("license.json");
        Files.writeString(file, LicenseFileSignerTest.DOCUMENTED_FILE.replace("100", "1000"));
        answers.put("POST /licenses", new String[] {"422", "application/json",
                "{\"status\":422,\"reason\":\"TAMPERED\",\"message\":\"license refused, nothing was imported: the signature does not match\"}"});

        CliRun run = cascade("license", "import", file.toString(), "--url", url);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refused, TAMPERED: license refused, nothing was imported: the signature does not match");
    }

    @Test
    void aMissingFileAndAnUnreachableServiceAreSaidPlainly() throws IOException {
        CliRun missing = cascade("license", "import", dir.resolve("nope.json").toString(), "--url", url);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read " + dir.resolve("nope.json"));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun unreachable = cascade("license", "show", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach licensing-service at http://127.0.0.1:" + closedPort);
    }

    @Test
    void showPrintsTheLicenseAndTheUsage() {
        answers.put("GET /licenses/current", new String[] {"200", "application/json", """
                {"id":3,"licenseKey":"CSC-TEST-0000-0001","customer":"Example Corp","seats":100,"validFrom":"2026-01-01T00:00:00Z",
                 "validUntil":"2027-01-01T00:00:00Z","issuedAt":"2025-12-15T10:30:00Z","keyId":"21fe31dfa154a261","active":true}"""});
        answers.put("GET /licenses/usage", new String[] {"200", "application/json",
                "{\"seatsUsed\":104,\"seatsPurchased\":100,\"overage\":4,\"licenseImported\":true,\"warningLevel\":100}"});

        CliRun run = cascade("license", "show", "--url", url);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("license   CSC-TEST-0000-0001", "customer  Example Corp", "seats     100",
                "usage     104 seats used, 100 purchased, 4 overage (at 100 % or more)");

        answers.remove("GET /licenses/current"); // the stand-in answers 404: no valid license
        assertThat(cascade("license", "show", "--url", url).out()).contains("license   none valid: every seat counts as overage");
    }

    @Test
    void reportAsCsvAndAsATable() {
        String csv = "day,peak_installed_clients,purchased_seats,overage,recorded\n2026-03-10,104,100,4,true\n";
        answers.put("GET /billing/report?from=2026-03-10&to=2026-03-10", new String[] {"200", "text/csv", csv});

        CliRun asCsv = cascade("license", "report", "--from", "2026-03-10", "--to", "2026-03-10", "--csv", "--url", url);
        assertThat(asCsv.exitCode()).as(asCsv.err()).isZero();
        assertThat(asCsv.out()).isEqualTo(csv);
        assertThat(lastAccept).isEqualTo("text/csv");

        answers.put("GET /billing/report?from=2026-03-10&to=2026-03-10", new String[] {"200", "application/json", """
                {"from":"2026-03-10","to":"2026-03-10","timeZone":"UTC","peakInstalledClients":104,"maxOverage":4,"overageDays":1,
                 "overageSeatDays":4,"days":[{"day":"2026-03-10","peakInstalledClients":104,"purchasedSeats":100,"overage":4,
                 "recorded":true}]}"""});
        CliRun table = cascade("license", "report", "--from", "2026-03-10", "--to", "2026-03-10", "--url", url);
        assertThat(table.out()).contains("2026-03-10     104        100        4",
                "peak 104 installed clients; overage on 1 days, at most 4, 4 seat-days in all (UTC)");

        CliRun badDate = cascade("license", "report", "--from", "March", "--to", "2026-03-10", "--url", url);
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("--from");
    }
}
