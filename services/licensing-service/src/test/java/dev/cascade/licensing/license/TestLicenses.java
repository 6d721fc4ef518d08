package dev.cascade.licensing.license;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs license files for tests, as the vendor tool does: with the RFC 8032 test-vector key the
 * test profile trusts ({@code license-test-key.pem}), or with a key pair made up on the spot.
 */
public final class TestLicenses {

    /** base64 SubjectPublicKeyInfo of the RFC 8032 TEST 1 key (trusted in the %test profile). */
    public static final String TEST_PUBLIC_KEY = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    public static final String TEST_KEY_ID = "21fe31dfa154a261";

    private TestLicenses() {
    }

    public static PrivateKey testPrivateKey() {
        try (InputStream in = TestLicenses.class.getResourceAsStream("/license-test-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A license file signed with the test key. */
    public static String file(String licenseKey, String customer, long seats, Instant validFrom, Instant validUntil, Instant issuedAt) {
        return LicenseFileFormat.write(sign(new LicenseDocument(licenseKey, customer, seats, validFrom, validUntil, issuedAt,
                TEST_KEY_ID, new byte[64]), testPrivateKey(), TEST_KEY_ID));
    }

    /** {@code terms} signed with {@code key}, naming {@code keyId}. */
    public static LicenseDocument sign(LicenseDocument terms, PrivateKey key, String keyId) {
        LicenseDocument unsigned = terms.withSignature(keyId, new byte[64]);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(LicenseSigningInput.of(unsigned));
            return unsigned.withSignature(keyId, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyId(PublicKey key) {
        return TrustedKeys.keyId(key);
    }
}
