package dev.cascade.licensing.license;

import java.nio.charset.StandardCharsets;

/**
 * The exact bytes a license signature covers (docs/licensing.md, "What is signed"): the UTF-8
 * encoding of eight lines, each ended by a line feed (0x0A), in this order:
 *
 * <pre>
 * cascade-license-v1
 * license_key=&lt;license_key&gt;
 * customer=&lt;customer&gt;
 * seats=&lt;seats in decimal, no sign, no leading zeros&gt;
 * valid_from=&lt;yyyy-MM-ddTHH:mm:ssZ&gt;
 * valid_until=&lt;yyyy-MM-ddTHH:mm:ssZ&gt;
 * issued_at=&lt;yyyy-MM-ddTHH:mm:ssZ&gt;
 * key_id=&lt;16 lowercase hex digits&gt;
 * </pre>
 *
 * Each value is the JSON field's string exactly as the file holds it (after JSON unescaping); the
 * file format refuses control characters in values, so a value can never add a line. Not JSON
 * canonicalization on purpose: a third party can rebuild these bytes in a few lines of any language.
 */
public final class LicenseSigningInput {

    private LicenseSigningInput() {
    }

    public static byte[] of(LicenseDocument license) {
        String text = LicenseDocument.FORMAT + "\n"
                + "license_key=" + license.licenseKey() + "\n"
                + "customer=" + license.customer() + "\n"
                + "seats=" + license.seats() + "\n"
                + "valid_from=" + LicenseFileFormat.instant(license.validFrom()) + "\n"
                + "valid_until=" + LicenseFileFormat.instant(license.validUntil()) + "\n"
                + "issued_at=" + LicenseFileFormat.instant(license.issuedAt()) + "\n"
                + "key_id=" + license.keyId() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
