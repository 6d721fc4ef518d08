package dev.cascade.cli.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "issue-license", mixinStandardHelpOptions = true,
        description = {"Issue a license file signed with the vendor's private key (docs/licensing.md).",
                "Dates are UTC: --from 2026-01-01 --until 2027-01-01 is valid from the first instant of",
                "1 January 2026 up to, not including, the first instant of 1 January 2027."})
final class VendorIssueLicenseCommand implements Callable<Integer> {

    /** Crockford's base32: no I, L, O, U, so a key read aloud or retyped is not misread. */
    private static final String KEY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "PRIVATE", description = "The private key file (`cascade vendor keygen`)")
    Path key;

    @Option(names = "--customer", required = true, description = "The customer's name, as it appears on the license")
    String customer;

    @Option(names = "--seats", required = true, description = "Seats purchased: installed clients covered")
    long seats;

    @Option(names = "--from", required = true, paramLabel = "DATE|INSTANT", description = "Start of validity, e.g. 2026-01-01 or 2026-01-01T00:00:00Z")
    String from;

    @Option(names = "--until", required = true, paramLabel = "DATE|INSTANT", description = "End of validity (excluded), e.g. 2027-01-01")
    String until;

    @Option(names = "--license-key", description = "The license key (default: a new random CSC-XXXX-XXXX-XXXX-XXXX); reuse it for a renewal")
    String licenseKey;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the license file")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists")
    boolean force;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        LicenseTerms terms;
        try {
            terms = new LicenseTerms(licenseKey != null ? licenseKey : newLicenseKey(), customer, seats, instant("--from", from),
                    instant("--until", until), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        } catch (IllegalArgumentException e) {
            err.println("cascade vendor issue-license: " + e.getMessage());
            return 2;
        }
        KeyPair pair;
        try {
            pair = SigningKeyFiles.readPrivate(key);
        } catch (IOException e) {
            err.println("cascade vendor issue-license: cannot read --key " + key + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("cascade vendor issue-license: " + e.getMessage());
            return 1;
        }
        String file = LicenseFileSigner.sign(terms, pair.getPrivate(), pair.getPublic());
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            if (force) {
                Files.writeString(out, file, StandardCharsets.UTF_8);
            } else {
                Files.writeString(out, file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            err.println("cascade vendor issue-license: " + out + " exists (--force replaces it)");
            return 1;
        } catch (IOException e) {
            err.println("cascade vendor issue-license: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().printf("issued license %s to %s: %d seats, valid %s to %s, signed with key %s -> %s%n",
                terms.licenseKey(), terms.customer(), terms.seats(), LicenseFileSigner.instant(terms.validFrom()),
                LicenseFileSigner.instant(terms.validUntil()), SigningKeyFiles.keyId(pair.getPublic()), out);
        return 0;
    }

    private static Instant instant(String option, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "': expected a date (2026-01-01) or an instant in UTC (2026-01-01T00:00:00Z)");
        }
    }

    private static String newLicenseKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("CSC");
        for (int group = 0; group < 4; group++) {
            key.append('-');
            for (int i = 0; i < 4; i++) {
                key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
            }
        }
        return key.toString();
    }
}
