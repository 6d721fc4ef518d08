package dev.cascade.licensing.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class LicenseVerifierTest {

    /** The worked example of docs/licensing.md: the exact file, signed with the RFC 8032 TEST 1 key. */
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
    /** docs/licensing.md, "What is signed": the bytes of the example, in hex. */
    static final String DOCUMENTED_SIGNED_BYTES_HEX = "636173636164652d6c6963656e73652d76310a6c6963656e73655f6b65793d4353432d54455354"
            + "2d303030302d303030310a637573746f6d65723d4578616d706c6520436f72700a73656174733d3130300a76616c69645f66726f6d3d3230"
            + "32362d30312d30315430303a30303a30305a0a76616c69645f756e74696c3d323032372d30312d30315430303a30303a30305a0a697373"
            + "7565645f61743d323032352d31322d31355431303a33303a30305a0a6b65795f69643d323166653331646661313534613236310a";

    private static final Instant DURING = Instant.parse("2026-06-01T12:00:00Z");
    private final LicenseVerifier verifier = new LicenseVerifier(TrustedKeys.of("test", List.of(TestLicenses.TEST_PUBLIC_KEY)));

    @Test
    void theDocumentedExampleVerifiesAndItsSignedBytesAreTheDocumentedOnes() {
        LicenseDocument license = verifier.verify(DOCUMENTED_FILE, DURING);

        assertThat(license.licenseKey()).isEqualTo("CSC-TEST-0000-0001");
        assertThat(license.customer()).isEqualTo("Example Corp");
        assertThat(license.seats()).isEqualTo(100);
        assertThat(license.validUntil()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(HexFormat.of().formatHex(LicenseSigningInput.of(license))).isEqualTo(DOCUMENTED_SIGNED_BYTES_HEX);
        assertThat(new String(LicenseSigningInput.of(license), StandardCharsets.UTF_8)).startsWith("cascade-license-v1\nlicense_key=");
        // the file the format writes is the documented file, byte for byte
        assertThat(LicenseFileFormat.write(license)).isEqualTo(DOCUMENTED_FILE);
    }

    @Test
    void theKeyIdIsDerivedFromThePublicKey() {
        assertThat(TrustedKeys.of("test", List.of(TestLicenses.TEST_PUBLIC_KEY)).ids()).containsExactly(TestLicenses.TEST_KEY_ID);
    }

    @Test
    void anyChangedValueIsTampered() {
        for (String tampered : List.of(
                DOCUMENTED_FILE.replace("\"seats\" : 100", "\"seats\" : 1000"),
                DOCUMENTED_FILE.replace("Example Corp", "Example Corp."),
                DOCUMENTED_FILE.replace("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
                DOCUMENTED_FILE.replace("CSC-TEST-0000-0001", "CSC-TEST-0000-0002"),
                DOCUMENTED_FILE.replace("4i7vAEHY", "4i7vAEHZ"))) {
            assertThatThrownBy(() -> verifier.verify(tampered, DURING)).isInstanceOfSatisfying(LicenseRefusedException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(LicenseRefusal.TAMPERED);
                        assertThat(e.getMessage()).contains("signature does not match");
                    });
        }
    }

    @Test
    void aValidSignatureFromAKeyThatIsNotTrustedIsRefusedNamingTheKey() {
        KeyPair stranger = TestLicenses.newKeyPair();
        String strangerId = TrustedKeys.keyId(stranger.getPublic());
        LicenseDocument terms = LicenseFileFormat.read(DOCUMENTED_FILE);
        String file = LicenseFileFormat.write(TestLicenses.sign(terms, stranger.getPrivate(), strangerId));

        assertThatThrownBy(() -> verifier.verify(file, DURING)).isInstanceOfSatisfying(LicenseRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseRefusal.UNKNOWN_SIGNING_KEY);
            assertThat(e.getMessage()).contains(strangerId).contains(TestLicenses.TEST_KEY_ID);
        });
        // and the stranger's key, once trusted, verifies it
        LicenseVerifier trusting = new LicenseVerifier(TrustedKeys.of("test",
                List.of(java.util.Base64.getEncoder().encodeToString(stranger.getPublic().getEncoded()))));
        assertThat(trusting.verify(file, DURING).keyId()).isEqualTo(strangerId);
    }

    @Test
    void theValidityPeriodIncludesItsStartAndExcludesItsEnd() {
        assertThat(verifier.verify(DOCUMENTED_FILE, Instant.parse("2026-01-01T00:00:00Z")).seats()).isEqualTo(100);
        assertThatThrownBy(() -> verifier.verify(DOCUMENTED_FILE, Instant.parse("2025-12-31T23:59:59Z")))
                .isInstanceOfSatisfying(LicenseRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LicenseRefusal.NOT_YET_VALID);
                    assertThat(e.getMessage()).contains("valid_from is 2026-01-01T00:00:00Z");
                });
        assertThatThrownBy(() -> verifier.verify(DOCUMENTED_FILE, Instant.parse("2027-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(LicenseRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LicenseRefusal.EXPIRED);
                    assertThat(e.getMessage()).contains("valid_until was 2027-01-01T00:00:00Z");
                });
    }

    @Test
    void aTamperedExpiredFileIsTamperedFirst() {
        String tampered = DOCUMENTED_FILE.replace("\"seats\" : 100", "\"seats\" : 101");
        assertThatThrownBy(() -> verifier.verify(tampered, Instant.parse("2030-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(LicenseRefusedException.class, e -> assertThat(e.reason()).isEqualTo(LicenseRefusal.TAMPERED));
    }

    @Test
    void malformedFilesNameTheField() {
        assertMalformed("", "empty");
        assertMalformed("seats=100", "not JSON");
        assertMalformed("[1, 2]", "one JSON object");
        assertMalformed(DOCUMENTED_FILE.replace("  \"seats\" : 100,\n", ""), "field 'seats' is missing");
        assertMalformed(DOCUMENTED_FILE.replace("\"seats\" : 100", "\"seats\" : \"100\""), "field 'seats'");
        assertMalformed(DOCUMENTED_FILE.replace("\"seats\" : 100", "\"seats\" : 0"), "field 'seats' is 0");
        assertMalformed(DOCUMENTED_FILE.replace("\"seats\" : 100", "\"seats\" : 1.5"), "field 'seats' is 1.5");
        assertMalformed(DOCUMENTED_FILE.replace("2026-01-01T00:00:00Z", "2026-01-01"), "field 'valid_from' is '2026-01-01'");
        assertMalformed(DOCUMENTED_FILE.replace("2026-01-01T00:00:00Z", "2026-02-30T00:00:00Z"), "field 'valid_from'");
        assertMalformed(DOCUMENTED_FILE.replace("2027-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), "field 'valid_until'");
        assertMalformed(DOCUMENTED_FILE.replace("cascade-license-v1", "cascade-license-v2"), "field 'format'");
        assertMalformed(DOCUMENTED_FILE.replace("CSC-TEST-0000-0001", "csc test"), "field 'license_key'");
        assertMalformed(DOCUMENTED_FILE.replace("21fe31dfa154a261", "21FE31DFA154A261"), "field 'key_id'");
        assertMalformed(DOCUMENTED_FILE.replace("Example Corp", "Example\\nCorp"), "field 'customer' must not contain control");
        assertMalformed(DOCUMENTED_FILE.replace("\"Example Corp\"", "\"\""), "field 'customer' must have 1 to 200");
        assertMalformed(DOCUMENTED_FILE.replace("\"signature\" : \"4i7v", "\"signature\" : \"!!"), "field 'signature' is not base64");
        assertMalformed(DOCUMENTED_FILE.replace("4i7vAEHY", ""), "field 'signature' holds 58 bytes");
        assertMalformed(DOCUMENTED_FILE.replace("\"seats\" : 100,", "\"seats\" : 100, \"bonus_seats\" : 50,"), "unknown field 'bonus_seats'");
        assertMalformed(DOCUMENTED_FILE.replace("\"seats\" : 100,", "\"seats\" : 100, \"seats\" : 5000,"), "seats");
    }

    private void assertMalformed(String file, String messagePart) {
        assertThatThrownBy(() -> verifier.verify(file, DURING)).as(file).isInstanceOfSatisfying(LicenseRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseRefusal.MALFORMED);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void aMalformedTrustedKeyIsNamed() {
        assertThatThrownBy(() -> TrustedKeys.of("cascade.licensing.trusted-keys", List.of(TestLicenses.TEST_PUBLIC_KEY, "AAAA")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cascade.licensing.trusted-keys[1] is not an Ed25519 public key");
    }
}
