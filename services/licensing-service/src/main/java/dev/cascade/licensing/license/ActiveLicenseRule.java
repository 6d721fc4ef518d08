package dev.cascade.licensing.license;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which imported license counts: among those valid now and signed by a still-trusted key, the one
 * issued last (a renewal or an upgrade replaces the file before it); between files issued at the
 * same second, the one imported last. None while no imported file is valid: every seat is then overage.
 */
public final class ActiveLicenseRule {

    private ActiveLicenseRule() {
    }

    /**
     * An imported license as the rule needs it.
     *
     * @param id the import order
     */
    public record Candidate(long id, Instant validFrom, Instant validUntil, Instant issuedAt, String keyId) {
    }

    public static Optional<Candidate> choose(List<Candidate> imported, Instant now, Predicate<String> trustedKeyId) {
        return imported.stream()
                .filter(c -> !now.isBefore(c.validFrom()) && now.isBefore(c.validUntil()))
                .filter(c -> trustedKeyId.test(c.keyId()))
                .max(Comparator.comparing(Candidate::issuedAt).thenComparingLong(Candidate::id));
    }
}
