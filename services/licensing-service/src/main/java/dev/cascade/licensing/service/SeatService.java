package dev.cascade.licensing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.SeatState;
import dev.cascade.licensing.entity.SeatEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Seats: one per installed client, taken on its first registration, never twice. */
@ApplicationScoped
public class SeatService {

    private static final Logger LOG = Logger.getLogger(SeatService.class);

    /** Seats bought: 0 until a license file is imported. */
    private final AtomicLong purchased = new AtomicLong();
    private final AtomicLong used = new AtomicLong();

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private Counter seatsTaken;

    @Transactional
    void start(@Observes StartupEvent event) {
        used.set(SeatEntity.count("releasedAt is null"));
        Gauge.builder("cascade_licensing_seats_used", used, AtomicLong::get)
                .description("Seats held by installed clients").register(registry);
        Gauge.builder("cascade_licensing_seats_purchased", purchased, AtomicLong::get)
                .description("Seats bought (0 until a license file is imported)").register(registry);
        Gauge.builder("cascade_licensing_seats_overage", this, s -> SeatStanding.overage(s.used.get(), s.purchased.get()))
                .description("Seats held beyond the purchased count: billed, never blocked").register(registry);
        seatsTaken = Counter.builder("cascade_licensing_seats_taken_total")
                .description("Seats taken by newly installed clients").register(registry);
    }

    /**
     * Takes a seat for {@code deviceId} if it holds none. Returns true if a seat was taken now,
     * false if the device already held one (re-registration, or the same event delivered again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean takeSeat(String deviceId, String hostname) {
        SeatEntity seat = SeatEntity.findById(deviceId);
        if (seat != null && seat.held()) {
            if (hostname != null && !hostname.isBlank()) {
                seat.hostname = hostname;
            }
            return false;
        }
        if (seat == null) {
            seat = new SeatEntity();
            seat.deviceId = deviceId;
        }
        seat.hostname = hostname;
        seat.assignedAt = Instant.now(clock);
        seat.releasedAt = null;
        seat.persist();
        long nowUsed = used.incrementAndGet();
        seatsTaken.increment();
        long bought = purchased.get();
        if (bought > 0 && nowUsed > bought) {
            LOG.warnf("license overage: %d seats used, %d purchased (device %s)", nowUsed, bought, deviceId);
        }
        return true;
    }

    @Transactional
    public Optional<SeatView> seatOf(String deviceId) {
        SeatEntity seat = SeatEntity.findById(deviceId);
        if (seat == null || !seat.held()) {
            return Optional.empty();
        }
        long rank = SeatEntity.count("releasedAt is null and (assignedAt < ?1 or (assignedAt = ?1 and deviceId < ?2))",
                seat.assignedAt, seat.deviceId);
        return Optional.of(new SeatView(seat.deviceId, seat.hostname, seat.assignedAt,
                SeatStanding.of(rank, purchased.get())));
    }

    @Transactional
    public UsageView usage() {
        long held = SeatEntity.count("releasedAt is null");
        long bought = purchased.get();
        return new UsageView(held, bought, SeatStanding.overage(held, bought), bought > 0);
    }

    /** A held seat as the API shows it. */
    public record SeatView(String deviceId, String hostname, Instant assignedAt, SeatState state) {
    }

    /**
     * License usage.
     *
     * @param licenseImported false until a license file is imported; every seat then counts as overage
     */
    public record UsageView(long seatsUsed, long seatsPurchased, long overage, boolean licenseImported) {
    }
}
