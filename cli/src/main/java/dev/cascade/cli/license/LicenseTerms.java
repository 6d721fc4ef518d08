package dev.cascade.cli.license;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a license sells, before it is signed: checked here with the rules licensing-service applies
 * when it reads the file (docs/licensing.md), so the vendor tool never issues a file the service
 * would refuse as malformed.
 */
public record LicenseTerms(String licenseKey, String customer, long seats, Instant validFrom, Instant validUntil,
        Instant issuedAt) {

    private static final Pattern LICENSE_KEY = Pattern.compile("[A-Z0-9][A-Z0-9-]{3,63}");
    static final long MAX_SEATS = 1_000_000_000L;
    static final int MAX_CUSTOMER_LENGTH = 200;

    /** @throws IllegalArgumentException naming the option that is wrong */
    public LicenseTerms {
        if (!LICENSE_KEY.matcher(licenseKey).matches()) {
            throw new IllegalArgumentException("--license-key '" + licenseKey
                    + "': expected 4 to 64 upper-case letters, digits and dashes, starting with a letter or digit");
        }
        if (customer.isEmpty() || customer.length() > MAX_CUSTOMER_LENGTH || !customer.strip().equals(customer)
                || customer.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("--customer '" + customer + "': expected 1 to " + MAX_CUSTOMER_LENGTH
                    + " characters, no control characters, no white space at either end");
        }
        if (seats < 1 || seats > MAX_SEATS) {
            throw new IllegalArgumentException("--seats " + seats + ": expected 1 to " + MAX_SEATS);
        }
        if (!validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("--until (" + validUntil + ") must be after --from (" + validFrom + ")");
        }
        validFrom = LicenseFileSigner.wholeSeconds(validFrom, "--from");
        validUntil = LicenseFileSigner.wholeSeconds(validUntil, "--until");
        issuedAt = LicenseFileSigner.wholeSeconds(issuedAt, "--issued-at");
    }
}
