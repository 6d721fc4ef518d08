package dev.cascade.licensing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.licensing.config.LicensingConfig;
import dev.cascade.licensing.entity.LicenseEntity;
import dev.cascade.licensing.entity.UsageEntity;
import dev.cascade.licensing.license.ActiveLicenseRule;
import dev.cascade.licensing.license.ActiveLicenseRule.Candidate;
import dev.cascade.licensing.license.LicenseDocument;
import dev.cascade.licensing.license.LicenseRefusedException;
import dev.cascade.licensing.license.LicenseVerifier;
import dev.cascade.licensing.license.TrustedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The imported license files: import (verified, kept as history), the active one (which sets the
 * purchased seats), and license-key validation for activation-service.
 */
@ApplicationScoped
@Startup
public class LicenseBook {

    private static final Logger LOG = Logger.getLogger(LicenseBook.class);

    @Inject
    Clock clock;

    @Inject
    LicensingConfig config;

    @Inject
    UsageLedger ledger;

    @Inject
    MeterRegistry registry;

    private LicenseVerifier verifier;

    /**
     * When the bean is created ({@link Startup}: at start), not in a StartupEvent observer: the
     * scheduler's first usage refresh may run before such an observer (it did, on every other start
     * of the local stack: a NullPointerException in the refresh job).
     */
    @PostConstruct
    void init() {
        // A malformed key stops the service at start, naming the property: better than refusing every file later.
        TrustedKeys keys = TrustedKeys.of("cascade.licensing.trusted-keys", config.trustedKeys().orElse(List.of()));
        if (keys.isEmpty()) {
            LOG.warn("no trusted license signing keys (cascade.licensing.trusted-keys): every license file will be refused");
        } else {
            LOG.infof("trusted license signing keys: %s", keys.ids());
        }
        verifier = new LicenseVerifier(keys);
    }

    /**
     * Verifies and imports a license file. Importing a file already imported changes nothing. The
     * purchased seats follow the active license in the same transaction.
     */
    @Transactional
    public Imported importFile(String fileText) {
        Instant now = Instant.now(clock);
        LicenseDocument license;
        try {
            license = verifier.verify(fileText, now);
        } catch (LicenseRefusedException e) {
            registry.counter("cascade_licensing_license_imports_total", "outcome", e.reason().name().toLowerCase()).increment();
            LOG.warnf("license file refused (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        String signature = Base64.getEncoder().encodeToString(license.signature());
        LicenseEntity existing = LicenseEntity.find("signature", signature).firstResult();
        if (existing != null) {
            registry.counter("cascade_licensing_license_imports_total", "outcome", "already_imported").increment();
            return new Imported(view(existing, activeId()), false);
        }
        LicenseEntity row = new LicenseEntity();
        row.licenseKey = license.licenseKey();
        row.customer = license.customer();
        row.seats = license.seats();
        row.validFrom = license.validFrom();
        row.validUntil = license.validUntil();
        row.issuedAt = license.issuedAt();
        row.keyId = license.keyId();
        row.signature = signature;
        row.importedAt = now;
        row.persist();
        LicenseEntity.flush(); // the row gets its id: the active-license rule orders ties by it
        Long active = activate(now);
        registry.counter("cascade_licensing_license_imports_total", "outcome", "imported").increment();
        LOG.infof("license %s imported: %s, %d seats, valid %s to %s%s", row.licenseKey, row.customer, row.seats, row.validFrom,
                row.validUntil, Objects.equals(active, row.id) ? " (active)" : " (not active: a license issued later is)");
        return new Imported(view(row, active), true);
    }

    /** Every imported license, the newest import first. */
    @Transactional
    public List<LicenseView> history() {
        Long active = activeId();
        return LicenseEntity.<LicenseEntity>listAll(Sort.descending("id")).stream().map(row -> view(row, active)).toList();
    }

    /** The active license, if one is valid. */
    @Transactional
    public Optional<LicenseView> current() {
        Long active = activeId();
        return active == null ? Optional.empty() : Optional.of(view(LicenseEntity.findById(active), active));
    }

    /** Brings the active license up to date with the clock (one may have expired); returns the active license id. */
    @Transactional
    public Long refresh() {
        return activate(Instant.now(clock));
    }

    /** Whether {@code licenseKey} may activate the server (activation-service asks over gRPC). */
    @Transactional
    public KeyValidation validate(String licenseKey) {
        Instant now = Instant.now(clock);
        List<LicenseEntity> files = LicenseEntity.list("licenseKey", licenseKey);
        if (files.isEmpty()) {
            return KeyValidation.unknown(licenseKey);
        }
        Long active = activeId();
        List<LicenseEntity> trusted = files.stream().filter(f -> verifier.trusts(f.keyId)).toList();
        if (trusted.isEmpty()) {
            LicenseEntity last = files.stream().max(Comparator.comparing((LicenseEntity f) -> f.issuedAt)).orElseThrow();
            return new KeyValidation(false, KeyValidation.Reason.SIGNING_KEY_NOT_TRUSTED, "license " + licenseKey
                    + " was signed by key " + last.keyId + ", which is no longer trusted", view(last, active));
        }
        Optional<LicenseEntity> valid = trusted.stream().filter(f -> !now.isBefore(f.validFrom) && now.isBefore(f.validUntil))
                .max(Comparator.comparing((LicenseEntity f) -> f.issuedAt).thenComparing(f -> f.id));
        if (valid.isPresent()) {
            LicenseEntity file = valid.get();
            return new KeyValidation(true, KeyValidation.Reason.VALID, "license " + licenseKey + " is valid until "
                    + file.validUntil + " (" + file.seats + " seats for " + file.customer + ")", view(file, active));
        }
        LicenseEntity lastExpired = trusted.stream().max(Comparator.comparing((LicenseEntity f) -> f.validUntil)).orElseThrow();
        return new KeyValidation(false, KeyValidation.Reason.EXPIRED, "license " + licenseKey + " expired at "
                + lastExpired.validUntil, view(lastExpired, active));
    }

    /** Applies the active-license rule under the usage lock and records a change of purchased seats. */
    private Long activate(Instant now) {
        UsageEntity usage = ledger.lock();
        List<Candidate> candidates = LicenseEntity.<LicenseEntity>listAll().stream()
                .map(r -> new Candidate(r.id, r.validFrom, r.validUntil, r.issuedAt, r.keyId)).toList();
        Optional<Candidate> chosen = ActiveLicenseRule.choose(candidates, now, verifier::trusts);
        Long activeId = chosen.map(Candidate::id).orElse(null);
        long purchased = chosen.map(c -> ((LicenseEntity) LicenseEntity.findById(c.id())).seats).orElse(0L);
        if (Objects.equals(activeId, usage.activeLicenseId) && purchased == usage.seatsPurchased) {
            return activeId;
        }
        if (activeId == null) {
            LOG.warnf("no valid license any more (the active one expired or its key is no longer trusted): all %d seats are overage",
                    usage.seatsUsed);
        }
        long purchasedBefore = usage.seatsPurchased;
        usage.activeLicenseId = activeId;
        usage.seatsPurchased = purchased;
        ledger.record(usage, usage.seatsUsed, purchasedBefore);
        return activeId;
    }

    private static Long activeId() {
        UsageEntity usage = UsageEntity.findById(UsageEntity.ID);
        return usage.activeLicenseId;
    }

    private static LicenseView view(LicenseEntity row, Long activeId) {
        return new LicenseView(row.id, row.licenseKey, row.customer, row.seats, row.validFrom, row.validUntil, row.issuedAt,
                row.keyId, row.importedAt, row.id.equals(activeId));
    }

    /** A license import's outcome: {@code created} false when the same file was imported before. */
    public record Imported(LicenseView license, boolean created) {
    }

    /**
     * An imported license as the API shows it.
     *
     * @param active true for the license whose seats count as purchased
     */
    public record LicenseView(long id, String licenseKey, String customer, long seats, Instant validFrom, Instant validUntil,
            Instant issuedAt, String keyId, Instant importedAt, boolean active) {
    }

    /**
     * The answer to "may this key activate the server".
     *
     * @param license the file the answer is about; null when the key is unknown
     */
    public record KeyValidation(boolean valid, Reason reason, String detail, LicenseView license) {

        /** Why a key is (not) valid. */
        public enum Reason {
            VALID, UNKNOWN, EXPIRED, SIGNING_KEY_NOT_TRUSTED
        }

        static KeyValidation unknown(String licenseKey) {
            return new KeyValidation(false, Reason.UNKNOWN, "no license file with key " + licenseKey + " was imported", null);
        }
    }
}
