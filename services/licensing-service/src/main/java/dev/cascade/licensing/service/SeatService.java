package dev.cascade.licensing.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.SeatState;
import dev.cascade.licensing.entity.SeatEntity;
import dev.cascade.licensing.entity.UsageEntity;
import dev.cascade.licensing.seat.ReleaseReason;
import dev.cascade.licensing.seat.SeatRules;
import dev.cascade.licensing.seat.SeatRules.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Seats: one per installed client (device id), taken and kept by its activity, released by an
 * admin or by retirement ({@link SeatRules}). A held seat moving its last-seen time is a single
 * conditional UPDATE; a seat taken or released changes the counts, under the usage lock
 * ({@link UsageLedger}).
 */
@ApplicationScoped
public class SeatService {

    private static final Logger LOG = Logger.getLogger(SeatService.class);

    @Inject
    Clock clock;

    @Inject
    UsageLedger ledger;

    @Inject
    MeterRegistry registry;

    /**
     * Applies one piece of client activity (a registration or a heartbeat) received at {@code at}.
     *
     * @param hostname    the registered host name, null for a heartbeat
     * @param minimumStep a held seat's last-seen time moves only if {@code at} is at least this much newer
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision recordActivity(String deviceId, String hostname, Instant at, Duration minimumStep) {
        SeatEntity seat = SeatEntity.findById(deviceId);
        Decision decision = SeatRules.onActivity(seat == null ? null : seat.facts(), at);
        if (decision == Decision.TOUCH) {
            if (hostname == null && at.isBefore(seat.lastSeenAt.plus(minimumStep))) {
                return Decision.ALREADY_SEEN;
            }
            // A conditional UPDATE, not the loaded entity: a release committing meanwhile must not be undone.
            String held = " where deviceId = :device and releasedAt is null and lastSeenAt < :at";
            if (blankToNull(hostname) == null) {
                SeatEntity.update("lastSeenAt = :at" + held, Parameters.with("at", at).and("device", deviceId));
            } else {
                SeatEntity.update("lastSeenAt = :at, hostname = :hostname" + held,
                        Parameters.with("at", at).and("hostname", hostname).and("device", deviceId));
            }
            return decision;
        }
        if (decision != Decision.TAKE && decision != Decision.RETAKE) {
            return decision;
        }
        UsageEntity usage = ledger.lock();
        // The seat may have changed while this transaction waited for the lock: decide again.
        if (seat != null) {
            SeatEntity.getEntityManager().refresh(seat);
        } else {
            seat = SeatEntity.findById(deviceId);
        }
        decision = SeatRules.onActivity(seat == null ? null : seat.facts(), at);
        if (decision != Decision.TAKE && decision != Decision.RETAKE) {
            return recordActivity(deviceId, hostname, at, minimumStep);
        }
        if (seat == null) {
            seat = new SeatEntity();
            seat.deviceId = deviceId;
        }
        if (hostname != null && !hostname.isBlank()) {
            seat.hostname = hostname;
        }
        seat.assignedAt = at;
        seat.lastSeenAt = at;
        seat.releasedAt = null;
        seat.releaseReason = null;
        seat.persist();
        long usedBefore = usage.seatsUsed;
        usage.seatsUsed++;
        ledger.record(usage, usedBefore, usage.seatsPurchased);
        registry.counter("cascade_licensing_seats_taken_total", "how", decision == Decision.TAKE ? "new" : "retaken").increment();
        if (usage.seatsUsed > usage.seatsPurchased) {
            LOG.infof("seat taken by %s (%s): %d seats held, %d purchased (overage is billed, not blocked)",
                    deviceId, seat.hostname, usage.seatsUsed, usage.seatsPurchased);
        } else {
            LOG.debugf("seat taken by %s (%s)", deviceId, seat.hostname);
        }
        return decision;
    }

    /** Releases the seat {@code deviceId} holds; empty if it holds none. */
    @Transactional
    public Optional<SeatView> release(String deviceId, ReleaseReason reason) {
        UsageEntity usage = ledger.lock();
        SeatEntity seat = SeatEntity.findById(deviceId);
        if (seat == null || !seat.held()) {
            return Optional.empty();
        }
        releaseLocked(usage, seat, reason);
        return Optional.of(view(seat, usage.seatsPurchased));
    }

    /** Retires up to {@code max} held seats not heard from for longer than {@code retireAfter}; returns how many. */
    @Transactional
    public int retireInactive(Duration retireAfter, int max) {
        Instant cutoff = Instant.now(clock).minus(retireAfter);
        UsageEntity usage = ledger.lock();
        List<SeatEntity> inactive = SeatEntity.<SeatEntity>find("releasedAt is null and lastSeenAt < ?1", Sort.by("lastSeenAt"), cutoff)
                .range(0, max - 1).list();
        for (SeatEntity seat : inactive) {
            releaseLocked(usage, seat, ReleaseReason.RETIRED);
            LOG.infof("seat of %s (%s) retired: not heard from since %s", seat.deviceId, seat.hostname, seat.lastSeenAt);
        }
        return inactive.size();
    }

    private void releaseLocked(UsageEntity usage, SeatEntity seat, ReleaseReason reason) {
        seat.releasedAt = Instant.now(clock);
        seat.releaseReason = reason;
        long usedBefore = usage.seatsUsed;
        usage.seatsUsed--;
        ledger.record(usage, usedBefore, usage.seatsPurchased);
        registry.counter("cascade_licensing_seats_released_total", "reason", reason.name().toLowerCase()).increment();
    }

    @Transactional
    public Optional<SeatView> seatOf(String deviceId) {
        SeatEntity seat = SeatEntity.findById(deviceId);
        if (seat == null || !seat.held()) {
            return Optional.empty();
        }
        return Optional.of(view(seat, purchased()));
    }

    /** Seats by filter, oldest assignment first (the order that decides licensed and overage). */
    @Transactional
    public SeatPage seats(SeatFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(switch (filter.state()) {
            case HELD -> "releasedAt is null";
            case RELEASED -> "releasedAt is not null";
            case ALL -> "1 = 1";
        });
        Parameters parameters = new Parameters();
        if (filter.search() != null && !filter.search().isBlank()) {
            where.append(" and (deviceId like :prefix or lower(hostname) like :prefix)");
            parameters.and("prefix", filter.search().strip().toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        var query = SeatEntity.<SeatEntity>find(where.toString(), Sort.by("assignedAt").and("deviceId"), parameters);
        long total = query.count();
        SeatEntity lastLicensed = lastLicensed(purchased());
        List<SeatView> items = query.page(page, size).list().stream().map(seat -> view(seat, lastLicensed)).toList();
        return new SeatPage(items, page, size, total);
    }

    @Transactional
    public UsageView usage() {
        UsageEntity usage = UsageEntity.findById(UsageEntity.ID);
        return new UsageView(usage.seatsUsed, usage.seatsPurchased, SeatStanding.overage(usage.seatsUsed, usage.seatsPurchased),
                usage.activeLicenseId != null, usage.warningLevel);
    }

    private long purchased() {
        UsageEntity usage = UsageEntity.findById(UsageEntity.ID);
        return usage.seatsPurchased;
    }

    private SeatView view(SeatEntity seat, long purchased) {
        SeatState state = SeatState.SEAT_STATE_NONE;
        if (seat.held()) {
            long rank = SeatEntity.count("releasedAt is null and (assignedAt < ?1 or (assignedAt = ?1 and deviceId < ?2))",
                    seat.assignedAt, seat.deviceId);
            state = SeatStanding.of(rank, purchased);
        }
        return view(seat, state);
    }

    /** For a page of seats: one query for the boundary instead of one rank query per seat. */
    private static SeatView view(SeatEntity seat, SeatEntity lastLicensed) {
        SeatState state = SeatState.SEAT_STATE_NONE;
        if (seat.held()) {
            boolean licensed = lastLicensed != null && (seat.assignedAt.isBefore(lastLicensed.assignedAt)
                    || seat.assignedAt.equals(lastLicensed.assignedAt) && seat.deviceId.compareTo(lastLicensed.deviceId) <= 0);
            state = licensed ? SeatState.SEAT_STATE_LICENSED : SeatState.SEAT_STATE_OVERAGE;
        }
        return view(seat, state);
    }

    private static SeatView view(SeatEntity seat, SeatState state) {
        return new SeatView(seat.deviceId, seat.hostname, seat.assignedAt, seat.lastSeenAt, state, seat.releasedAt,
                seat.releaseReason);
    }

    /** The held seat ranked {@code purchased} (the last one within the purchased count), or null when none is licensed. */
    private static SeatEntity lastLicensed(long purchased) {
        if (purchased == 0) {
            return null;
        }
        long held = SeatEntity.count("releasedAt is null");
        long index = Math.min(purchased, held) - 1;
        if (index < 0) {
            return null;
        }
        return SeatEntity.<SeatEntity>find("releasedAt is null", Sort.by("assignedAt").and("deviceId"))
                .range((int) index, (int) index).firstResult();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Which seats a listing shows. */
    public enum SeatListState {
        HELD, RELEASED, ALL
    }

    /** @param search a prefix of the device id or the host name (case-insensitive), or null */
    public record SeatFilter(SeatListState state, String search) {
    }

    /** One page of seats. */
    public record SeatPage(List<SeatView> items, int page, int size, long total) {
    }

    /**
     * A seat as the API shows it.
     *
     * @param state         LICENSED or OVERAGE while held (by assignment order), NONE once released
     * @param releasedAt    null while held
     * @param releaseReason null while held
     */
    public record SeatView(String deviceId, String hostname, Instant assignedAt, Instant lastSeenAt, SeatState state,
            Instant releasedAt, ReleaseReason releaseReason) {
    }

    /**
     * License usage.
     *
     * @param licenseImported true while a valid license is active; without one every seat counts as overage
     * @param warningLevel    the highest threshold (0, 90, 100 % of purchased seats) usage has reached
     */
    public record UsageView(long seatsUsed, long seatsPurchased, long overage, boolean licenseImported, int warningLevel) {
    }
}
