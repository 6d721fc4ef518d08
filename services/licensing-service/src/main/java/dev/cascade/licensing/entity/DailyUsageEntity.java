package dev.cascade.licensing.entity;

import java.time.Instant;
import java.time.LocalDate;

import dev.cascade.licensing.billing.DailyUsage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One billing day: updated in the transaction of every seat or license change of the day. */
@Entity
@Table(name = "daily_usage")
public class DailyUsageEntity extends PanacheEntityBase {

    @Id
    @Column(name = "usage_day")
    public LocalDate usageDay;

    @Column(name = "peak_seats", nullable = false)
    public long peakSeats;

    @Column(name = "purchased_seats", nullable = false)
    public long purchasedSeats;

    @Column(name = "closing_seats", nullable = false)
    public long closingSeats;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public DailyUsage toUsage() {
        return new DailyUsage(usageDay, peakSeats, purchasedSeats, closingSeats);
    }
}
