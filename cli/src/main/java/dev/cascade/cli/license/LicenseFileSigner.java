package dev.cascade.cli.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The vendor's side of docs/licensing.md: the exact bytes a license signature covers, the Ed25519
 * signature, and the license file. licensing-service verifies the same bytes (its own reading of the
 * same specification; both are checked against the worked example in docs/licensing.md).
 */
public final class LicenseFileSigner {

    static final String FORMAT = "cascade-license-v1";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LicenseFileSigner() {
    }

    /** The signed bytes: eight lines, each ended by a line feed, UTF-8. */
    public static byte[] signedBytes(LicenseTerms terms, String keyId) {
        String text = FORMAT + "\n"
                + "license_key=" + terms.licenseKey() + "\n"
                + "customer=" + terms.customer() + "\n"
                + "seats=" + terms.seats() + "\n"
                + "valid_from=" + instant(terms.validFrom()) + "\n"
                + "valid_until=" + instant(terms.validUntil()) + "\n"
                + "issued_at=" + instant(terms.issuedAt()) + "\n"
                + "key_id=" + keyId + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The license file for {@code terms}, signed with {@code key}. */
    public static String sign(LicenseTerms terms, PrivateKey key, PublicKey publicKey) {
        String keyId = SigningKeyFiles.keyId(publicKey);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signedBytes(terms, keyId));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("license_key", terms.licenseKey());
        fields.put("customer", terms.customer());
        fields.put("seats", terms.seats());
        fields.put("valid_from", instant(terms.validFrom()));
        fields.put("valid_until", instant(terms.validUntil()));
        fields.put("issued_at", instant(terms.issuedAt()));
        fields.put("key_id", keyId);
        fields.put("signature", Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writeValueAsString(fields) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a license file", e);
        }
    }

    static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** License instants are whole seconds: anything finer would not survive the file format. */
    static Instant wholeSeconds(Instant instant, String option) {
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException(option + " " + instant + ": licenses are dated to the second");
        }
        return instant;
    }
}
