package dev.cascade.licensing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.cascade.contracts.Topics;
import dev.cascade.licensing.billing.DailyUsage;
import dev.cascade.licensing.config.LicensingConfig;
import dev.cascade.licensing.entity.DailyUsageEntity;
import dev.cascade.licensing.entity.LicenseEntity;
import dev.cascade.licensing.entity.UsageEntity;
import dev.cascade.licensing.entity.UsageWarningEntity;
import dev.cascade.licensing.seat.UsageThresholds;
import dev.cascade.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The seat and purchase counts, and everything that follows from a change of them: the day's
 * billing record, usage warnings (kept in the history and appended to the transactional outbox in
 * the same transaction) and the gauges.
 * A change locks the usage row first ({@link #lock()}), changes the counts, then calls
 * {@link #record}; all of it commits or rolls back together.
 */
@ApplicationScoped
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class);

    @Inject
    Clock clock;

    @Inject
    LicensingConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Outbox outbox;

    @Inject
    Event<UsageChanged> changed;

    /** The counts this replica last committed or read: what the gauges show. */
    private final AtomicReference<UsageChanged> gauges = new AtomicReference<>(new UsageChanged(0, 0, 0));

    @Transactional
    void start(@Observes StartupEvent event) {
        UsageEntity usage = UsageEntity.findById(UsageEntity.ID);
        if (usage == null) {
            throw new IllegalStateException("the license_usage row is missing: the schema was not migrated");
        }
        gauges.set(new UsageChanged(usage.seatsUsed, usage.seatsPurchased, 0));
        for (int threshold : new int[] {UsageThresholds.NEARLY_FULL, UsageThresholds.FULL}) {
            warnings(threshold); // listed at 0 from the start, so a rate() sees the first warning
        }
        Gauge.builder("cascade_licensing_seats_used", gauges, g -> g.get().seatsUsed())
                .description("Seats held by installed clients").register(registry);
        Gauge.builder("cascade_licensing_seats_purchased", gauges, g -> g.get().seatsPurchased())
                .description("Seats bought: the active license's (0 while none is valid)").register(registry);
        Gauge.builder("cascade_licensing_seats_overage", gauges,
                g -> Math.max(0, g.get().seatsUsed() - g.get().seatsPurchased()))
                .description("Seats held beyond the purchased count: billed, never blocked").register(registry);
        Gauge.builder("cascade_licensing_usage_ratio", gauges,
                g -> UsageThresholds.ratio(g.get().seatsUsed(), g.get().seatsPurchased()))
                .description("Seats held / seats purchased (+Inf when seats are held and none purchased)").register(registry);
    }

    /** Locks the usage row until the transaction ends: seat and license changes queue here, also across replicas. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UsageEntity lock() {
        UsageEntity usage = UsageEntity.findById(UsageEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        if (usage == null) {
            throw new IllegalStateException("the license_usage row is missing: the schema was not migrated");
        }
        return usage;
    }

    /**
     * Records a change the caller made to the locked {@code usage} row (counts before the change
     * given): updates today's billing record and warns when usage crossed a threshold upwards.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UsageEntity usage, long usedBefore, long purchasedBefore) {
        Instant now = Instant.now(clock);
        recordDay(now, usedBefore, usage.seatsUsed, purchasedBefore, usage.seatsPurchased);
        int level = UsageThresholds.level(usage.seatsUsed, usage.seatsPurchased);
        OptionalInt crossed = UsageThresholds.crossedUpwards(usage.warningLevel, level);
        usage.warningLevel = level;
        crossed.ifPresent(threshold -> warn(usage, threshold, now));
        changed.fire(new UsageChanged(usage.seatsUsed, usage.seatsPurchased, crossed.orElse(0)));
    }

    /** Reads the counts again (another replica may have changed them) and makes sure today has its billing record. */
    @Transactional
    public void refresh() {
        UsageEntity usage = lock();
        recordDay(Instant.now(clock), usage.seatsUsed, usage.seatsUsed, usage.seatsPurchased, usage.seatsPurchased);
        changed.fire(new UsageChanged(usage.seatsUsed, usage.seatsPurchased, 0));
    }

    /** The counts as this replica last saw them (for gauges; {@code SeatService.usage()} reads the database). */
    public UsageChanged lastSeen() {
        return gauges.get();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsageChanged change) {
        gauges.set(change);
        if (change.warnedThreshold() > 0) {
            warnings(change.warnedThreshold()).increment();
        }
    }

    private Counter warnings(int threshold) {
        return Counter.builder("cascade_licensing_usage_warnings_total").tag("threshold", Integer.toString(threshold))
                .description("Usage warnings: usage crossed 90 % or 100 % of the purchased seats upwards").register(registry);
    }

    private void recordDay(Instant now, long usedBefore, long usedAfter, long purchasedBefore, long purchasedAfter) {
        LocalDate day = LocalDate.ofInstant(now, config.billingZone());
        DailyUsageEntity row = DailyUsageEntity.findById(day);
        DailyUsage next = DailyUsage.afterChange(row == null ? null : row.toUsage(), day, usedBefore, usedAfter,
                purchasedBefore, purchasedAfter);
        if (row == null) {
            row = new DailyUsageEntity();
            row.usageDay = day;
        }
        row.peakSeats = next.peakSeats();
        row.purchasedSeats = next.purchasedSeats();
        row.closingSeats = next.closingSeats();
        row.updatedAt = now;
        row.persist();
    }

    private void warn(UsageEntity usage, int threshold, Instant now) {
        LicenseEntity active = usage.activeLicenseId == null ? null : LicenseEntity.findById(usage.activeLicenseId);
        UsageWarningEntity warning = new UsageWarningEntity();
        warning.eventId = UUID.randomUUID().toString();
        warning.thresholdPercent = threshold;
        warning.seatsUsed = usage.seatsUsed;
        warning.seatsPurchased = usage.seatsPurchased;
        warning.licenseKey = active == null ? null : active.licenseKey;
        warning.customer = active == null ? null : active.customer;
        warning.occurredAt = now;
        warning.persist();
        // one key: every warning on one partition, in commit order
        outbox.append(Topics.LICENSING_USAGE_WARNINGS, Topics.LICENSING_USAGE_WARNINGS_KEY, warning.eventId, warning.toEvent());
        LOG.warnf("license usage at %d %% of purchased seats: %d seats held, %d purchased%s (overage is not blocked; it is billed)",
                threshold, usage.seatsUsed, usage.seatsPurchased,
                active == null ? ", no valid license" : ", license " + active.licenseKey);
    }
}
