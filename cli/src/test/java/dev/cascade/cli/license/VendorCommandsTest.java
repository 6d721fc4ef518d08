package dev.cascade.cli.license;

import static dev.cascade.cli.CliRun.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.cli.CliRun;

/** {@code cascade vendor keygen} and {@code issue-license}, run as the CLI runs them. */
class VendorCommandsTest {

    @TempDir
    Path dir;


    @Test
    void keygenWritesAPairAndIssuedLicensesVerifyWithItsPublicKey() throws Exception {
        CliRun keygen = cascade("vendor", "keygen", "--out", dir.toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        Path privateKey = dir.resolve("license-signing-key.pem");
        Path publicKey = dir.resolve("license-signing-key.pub.pem");
        assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        String trusted = keygen.out().lines().filter(l -> l.contains("cascade.licensing.trusted-keys=")).findFirst().orElseThrow()
                .split("=", 2)[1];
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(trusted)));
        assertThat(Files.readString(publicKey)).contains(trusted.substring(0, 40));
        assertThat(keygen.out()).contains("key id       " + SigningKeyFiles.keyId(key));

        CliRun again = cascade("vendor", "keygen", "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already there (--force replaces it)");

        Path license = dir.resolve("acme.license.json");
        CliRun issue = cascade("vendor", "issue-license", "--key", privateKey.toString(), "--customer", "ACME Ltd", "--seats", "250",
                "--from", "2026-01-01", "--until", "2027-01-01T00:00:00Z", "--out", license.toString());
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        JsonNode file = new ObjectMapper().readTree(Files.readString(license));
        assertThat(file.path("customer").asText()).isEqualTo("ACME Ltd");
        assertThat(file.path("seats").asLong()).isEqualTo(250);
        assertThat(file.path("valid_from").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(file.path("license_key").asText()).matches("CSC(-[0-9A-HJKMNP-TV-Z]{4}){4}");
        assertThat(file.path("key_id").asText()).isEqualTo(SigningKeyFiles.keyId(key));
        assertThat(issue.out()).contains("issued license " + file.path("license_key").asText() + " to ACME Ltd: 250 seats");

        LicenseTerms terms = new LicenseTerms(file.path("license_key").asText(), "ACME Ltd", 250,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), Instant.parse(file.path("issued_at").asText()));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(LicenseFileSigner.signedBytes(terms, file.path("key_id").asText()));
        assertThat(verifier.verify(Base64.getDecoder().decode(file.path("signature").asText()))).isTrue();

        CliRun overwrite = cascade("vendor", "issue-license", "--key", privateKey.toString(), "--customer", "ACME Ltd", "--seats", "1",
                "--from", "2026-01-01", "--until", "2027-01-01", "--out", license.toString());
        assertThat(overwrite.exitCode()).isEqualTo(1);
        assertThat(overwrite.err()).contains("exists (--force replaces it)");
        assertThat(new ObjectMapper().readTree(Files.readString(license)).path("seats").asLong()).isEqualTo(250);
    }

    @Test
    void badOptionsAreNamedAndNothingIsWritten() throws Exception {
        assertThat(cascade("vendor", "keygen", "--out", dir.toString()).exitCode()).isZero();
        Path out = dir.resolve("bad.json");
        String key = dir.resolve("license-signing-key.pem").toString();

        CliRun seats = cascade("vendor", "issue-license", "--key", key, "--customer", "A", "--seats", "0", "--from", "2026-01-01",
                "--until", "2027-01-01", "--out", out.toString());
        assertThat(seats.exitCode()).isEqualTo(2);
        assertThat(seats.err()).contains("--seats 0: expected 1 to 1000000000");
        CliRun date = cascade("vendor", "issue-license", "--key", key, "--customer", "A", "--seats", "5", "--from", "2026-13-01",
                "--until", "2027-01-01", "--out", out.toString());
        assertThat(date.err()).contains("--from '2026-13-01': expected a date");
        CliRun notAKey = cascade("vendor", "issue-license", "--key", dir.resolve("license-signing-key.pub.pem").toString(),
                "--customer", "A", "--seats", "5", "--from", "2026-01-01", "--until", "2027-01-01", "--out", out.toString());
        assertThat(notAKey.exitCode()).isEqualTo(1);
        assertThat(notAKey.err()).contains("holds no 'PRIVATE KEY' PEM block");
        assertThat(out).doesNotExist();
    }
}
