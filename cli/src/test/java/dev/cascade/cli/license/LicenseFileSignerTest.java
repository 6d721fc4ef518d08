package dev.cascade.cli.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor side against the worked example of docs/licensing.md, which licensing-service's tests check too. */
class LicenseFileSignerTest {

    /**
     * TEST ONLY: the private key of RFC 8032 section 7.1, TEST 1 (published in the RFC), as PKCS#8 PEM.
     * docs/licensing.md signs its example with it.
     */
    static final String RFC8032_TEST1_PRIVATE_PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
            -----END PRIVATE KEY-----
            """;

    static final String DOCUMENTED_FILE = """
            {
              "format" : "cascade-license-v1",
              "license_key" : "CSC-TEST-0000-0001",
              "customer" : "Example Corp",
              "seats" : 100,
              "valid_from" : "2026-01-01T00:00:00Z",
              "valid_until" : "2027-01-01T00:00:00Z",
              "issued_at" : "2025-12-15T10:30:00Z",
              "key_id" : "21fe31dfa154a261",
              "signature" : "4i7vAEHYLpI3FeeK95J5I513eBpAZMPfJZBaHz6lYZF7uPG3B79Nxb8DW1vCqhub3QucveasVtP0JJzvr+VhDA=="
            }
            """;

    static final String DOCUMENTED_SIGNED_BYTES_HEX = "636173636164652d6c6963656e73652d76310a6c6963656e73655f6b65793d4353432d54455354"
            + "2d303030302d303030310a637573746f6d65723d4578616d706c6520436f72700a73656174733d3130300a76616c69645f66726f6d3d3230"
            + "32362d30312d30315430303a30303a30305a0a76616c69645f756e74696c3d323032372d30312d30315430303a30303a30305a0a697373"
            + "7565645f61743d323032352d31322d31355431303a33303a30305a0a6b65795f69643d323166653331646661313534613236310a";

    static final LicenseTerms DOCUMENTED_TERMS = new LicenseTerms("CSC-TEST-0000-0001", "Example Corp", 100,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2025-12-15T10:30:00Z"));

    @TempDir
    Path dir;

    @Test
    void signsTheDocumentedExampleToTheDocumentedBytes(@TempDir Path keys) throws Exception {
        Path keyFile = keys.resolve("rfc8032-test1.pem");
        Files.writeString(keyFile, RFC8032_TEST1_PRIVATE_PEM);
        KeyPair pair = SigningKeyFiles.readPrivate(keyFile);

        assertThat(SigningKeyFiles.keyId(pair.getPublic())).isEqualTo("21fe31dfa154a261");
        assertThat(SigningKeyFiles.trustedKeyValue(pair.getPublic())).isEqualTo("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertThat(HexFormat.of().formatHex(LicenseFileSigner.signedBytes(DOCUMENTED_TERMS, "21fe31dfa154a261")))
                .isEqualTo(DOCUMENTED_SIGNED_BYTES_HEX);
        assertThat(LicenseFileSigner.sign(DOCUMENTED_TERMS, pair.getPrivate(), pair.getPublic())).isEqualTo(DOCUMENTED_FILE);
    }

    @Test
    void refusesTermsTheServiceWouldRefuseNamingTheOption() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        assertThatThrownBy(() -> new LicenseTerms("csc-lower", "A", 1, from, until, from)).hasMessageContaining("--license-key");
        assertThatThrownBy(() -> new LicenseTerms("CSC-1", "A\nB", 1, from, until, from)).hasMessageContaining("--customer");
        assertThatThrownBy(() -> new LicenseTerms("CSC-1", "A", 0, from, until, from)).hasMessageContaining("--seats 0");
        assertThatThrownBy(() -> new LicenseTerms("CSC-1", "A", 1, until, from, from)).hasMessageContaining("--until");
        assertThatThrownBy(() -> new LicenseTerms("CSC-1", "A", 1, from.plusMillis(5), until, from)).hasMessageContaining("--from");
    }
}
