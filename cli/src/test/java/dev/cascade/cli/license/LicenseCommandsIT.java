package dev.cascade.cli.license;

import static dev.cascade.cli.CliRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.cli.CliRun;
import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.testkit.HealthProbe;
import dev.cascade.testkit.ServiceProcess;

/**
 * The vendor's and the admin's license commands end to end: a key pair from {@code cascade vendor
 * keygen}, the real licensing-service (its embedded build, on a real Kafka broker) trusting its
 * public key, a license from {@code issue-license} imported, shown and billed with {@code cascade license}.
 */
class LicenseCommandsIT {

    @TempDir
    Path dir;

    @Test
    void aLicenseIssuedByTheVendorToolIsImportedShownAndBilled() throws Exception {
        Path home = Path.of(System.getProperty("cascade.home", "..")).toAbsolutePath().normalize();
        Path jar = home.resolve("services/licensing-service/target/embedded-app/quarkus-run.jar");
        assertThat(jar).as("licensing-service's embedded build (the build makes it before the cli)").exists();

        CliRun keygen = cascade("vendor", "keygen", "--out", dir.resolve("keys").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        String trusted = keygen.out().lines().filter(l -> l.contains("cascade.licensing.trusted-keys=")).findFirst().orElseThrow()
                .split("=", 2)[1];

        int port = ServiceProcess.freePort();
        String url = "http://127.0.0.1:" + port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            ServiceProcess service = ServiceProcess.launch("licensing-service", jar, List.of("-Xmx256m"), Map.of(
                    "quarkus.http.port", Integer.toString(port),
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "cascade.data-dir", dir.resolve("data").toString(),
                    "cascade.licensing.trusted-keys", trusted), dir.resolve("licensing-service.log"), url);
            try {
                HealthProbe probe = new HealthProbe();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(service.alive()).as("licensing-service exited: %s", service.logTail(30)).isTrue();
                    return probe.ready(url);
                });

                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                Path license = dir.resolve("license.json");
                CliRun issue = cascade("vendor", "issue-license", "--key", dir.resolve("keys/license-signing-key.pem").toString(),
                        "--customer", "Branch Offices Ltd", "--seats", "3", "--license-key", "CSC-E2E0-0000-0001",
                        "--from", today.minusDays(1).toString(), "--until", today.plusDays(365).toString(), "--out", license.toString());
                assertThat(issue.exitCode()).as(issue.err()).isZero();

                CliRun imported = cascade("license", "import", license.toString(), "--url", url);
                assertThat(imported.exitCode()).as(imported.err()).isZero();
                assertThat(imported.out()).contains("imported license CSC-E2E0-0000-0001: Branch Offices Ltd, 3 seats", "(active)");
                assertThat(cascade("license", "import", license.toString(), "--url", url).out())
                        .contains("already imported license CSC-E2E0-0000-0001");

                Path tampered = dir.resolve("tampered.json");
                Files.writeString(tampered, Files.readString(license).replace("\"seats\" : 3", "\"seats\" : 300"));
                CliRun refused = cascade("license", "import", tampered.toString(), "--url", url);
                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.err()).contains("refused, TAMPERED");

                CliRun show = cascade("license", "show", "--all", "--url", url);
                assertThat(show.exitCode()).as(show.err()).isZero();
                assertThat(show.out()).contains("license   CSC-E2E0-0000-0001", "customer  Branch Offices Ltd",
                        "usage     0 seats used, 3 purchased, 0 overage");

                CliRun report = cascade("license", "report", "--from", today.toString(), "--to", today.toString(), "--csv", "--url", url);
                assertThat(report.exitCode()).as(report.err()).isZero();
                assertThat(report.out()).isEqualTo("day,peak_installed_clients,purchased_seats,overage,recorded\n"
                        + today + ",0,3,0,true\n");
            } finally {
                service.stop(20);
            }
        }
    }
}
