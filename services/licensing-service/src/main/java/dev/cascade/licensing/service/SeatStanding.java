package dev.cascade.licensing.service;

import dev.cascade.contracts.v1.SeatState;

/**
 * Whether a held seat is within the purchased count or overage. Seats are ranked by when they were
 * taken: the first {@code purchased} are licensed, every later one is overage. Overage is never
 * refused (seed 001: extra clients are charged, not blocked); it is reported.
 */
public final class SeatStanding {

    private SeatStanding() {
    }

    /** @param rank zero-based position of the seat among held seats, oldest first */
    public static SeatState of(long rank, long purchased) {
        return rank < purchased ? SeatState.SEAT_STATE_LICENSED : SeatState.SEAT_STATE_OVERAGE;
    }

    public static long overage(long used, long purchased) {
        return Math.max(0, used - purchased);
    }
}
