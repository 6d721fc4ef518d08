package dev.cascade.licensing.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.licensing.license.ActiveLicenseRule.Candidate;

class ActiveLicenseRuleTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JUL = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant NEXT_JAN = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void theValidLicenseIssuedLastCountsWhateverTheImportOrder() {
        Candidate first = new Candidate(1, JAN, NEXT_JAN, JAN, "k");
        Candidate upgrade = new Candidate(2, JAN, NEXT_JAN, JUL, "k");
        Candidate olderImportedLater = new Candidate(3, JAN, NEXT_JAN, JAN.plusSeconds(60), "k");

        assertThat(ActiveLicenseRule.choose(List.of(first, upgrade, olderImportedLater), JUL.plusSeconds(1), id -> true))
                .contains(upgrade);
    }

    @Test
    void expiredNotYetValidAndUntrustedLicensesNeverCount() {
        Candidate expired = new Candidate(1, JAN, JUL, NEXT_JAN, "k");
        Candidate future = new Candidate(2, NEXT_JAN, NEXT_JAN.plusSeconds(86_400), NEXT_JAN, "k");
        Candidate withdrawnKey = new Candidate(3, JAN, NEXT_JAN, NEXT_JAN, "old");
        Candidate plain = new Candidate(4, JAN, NEXT_JAN, JAN, "k");

        assertThat(ActiveLicenseRule.choose(List.of(expired, future, withdrawnKey, plain), JUL, "k"::equals)).contains(plain);
        assertThat(ActiveLicenseRule.choose(List.of(expired, future, withdrawnKey), JUL, "k"::equals)).isEmpty();
    }

    @Test
    void betweenFilesIssuedTheSameSecondTheLastImportCounts() {
        Candidate a = new Candidate(7, JAN, NEXT_JAN, JAN, "k");
        Candidate b = new Candidate(9, JAN, NEXT_JAN, JAN, "k");
        assertThat(ActiveLicenseRule.choose(List.of(b, a), JUL, id -> true)).contains(b);
    }
}
