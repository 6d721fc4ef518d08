package dev.cascade.licensing.license;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;

/**
 * Decides whether a license file may be imported: read it, find the key that signed it among the
 * trusted ones, check the signature over {@link LicenseSigningInput}, then the validity period. The
 * first check that fails is the reason given.
 */
public final class LicenseVerifier {

    private final TrustedKeys keys;

    public LicenseVerifier(TrustedKeys keys) {
        this.keys = keys;
    }

    /** The verified license, or throws {@link LicenseRefusedException} with the reason. */
    public LicenseDocument verify(String fileText, Instant now) {
        LicenseDocument license = LicenseFileFormat.read(fileText);
        checkSignature(license);
        if (now.isBefore(license.validFrom())) {
            throw new LicenseRefusedException(LicenseRefusal.NOT_YET_VALID, "license " + license.licenseKey()
                    + " is not valid yet: valid_from is " + LicenseFileFormat.instant(license.validFrom()));
        }
        if (!now.isBefore(license.validUntil())) {
            throw new LicenseRefusedException(LicenseRefusal.EXPIRED, "license " + license.licenseKey()
                    + " expired: valid_until was " + LicenseFileFormat.instant(license.validUntil()));
        }
        return license;
    }

    /** True when the key that signed {@code keyId} is still trusted. */
    public boolean trusts(String keyId) {
        return keys.key(keyId).isPresent();
    }

    private void checkSignature(LicenseDocument license) {
        PublicKey key = keys.key(license.keyId()).orElseThrow(() -> new LicenseRefusedException(
                LicenseRefusal.UNKNOWN_SIGNING_KEY, "license " + license.licenseKey() + " is signed by key " + license.keyId()
                        + ", which is not among the trusted keys " + keys.ids() + " (cascade.licensing.trusted-keys)"));
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(LicenseSigningInput.of(license));
            valid = verifier.verify(license.signature());
        } catch (SignatureException e) {
            valid = false; // bytes the provider cannot even read as a signature do not verify either
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new LicenseRefusedException(LicenseRefusal.TAMPERED, "license " + license.licenseKey()
                    + ": the signature does not match the content (the file was changed after it was issued)");
        }
    }
}
