package dev.cascade.licensing.license;

import java.time.Instant;

/**
 * A license file as read: what the vendor sold (customer, seats, validity) and the Ed25519 signature
 * over its {@linkplain LicenseSigningInput canonical form}. Only {@link LicenseFileFormat} builds one
 * from text, after checking every field, so a document always has well-formed fields; whether its
 * signature holds is {@link LicenseVerifier}'s question.
 *
 * @param licenseKey the key the customer activates the server with
 * @param validFrom  first instant the license is valid
 * @param validUntil first instant it is no longer valid (exclusive)
 * @param keyId      which vendor key signed it: {@link TrustedKeys#keyId}
 * @param signature  the 64-byte Ed25519 signature
 */
public record LicenseDocument(String licenseKey, String customer, long seats, Instant validFrom, Instant validUntil,
        Instant issuedAt, String keyId, byte[] signature) {

    /** The one format this service reads; it is also the first line of the signed bytes. */
    public static final String FORMAT = "cascade-license-v1";

    public LicenseDocument {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** True while {@code now} is inside [validFrom, validUntil). */
    public boolean validAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validUntil);
    }

    /** The same terms signed again (the vendor tool). */
    public LicenseDocument withSignature(String newKeyId, byte[] newSignature) {
        return new LicenseDocument(licenseKey, customer, seats, validFrom, validUntil, issuedAt, newKeyId, newSignature);
    }
}
