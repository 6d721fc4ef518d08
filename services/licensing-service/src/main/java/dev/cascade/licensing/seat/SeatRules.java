package dev.cascade.licensing.seat;

import java.time.Duration;
import java.time.Instant;

/**
 * When activity of a client (a registration or a heartbeat, at the time the gateway received it)
 * takes, keeps or does not touch its seat. The rules are chosen so that applying the same events
 * twice, or in another order, ends in the same seats:
 * <ul>
 * <li>a device with no seat record takes a seat;</li>
 * <li>a held seat only moves its last-seen time forward (a maximum: order does not matter);</li>
 * <li>a released seat is taken again only by activity newer than the release: after an admin
 * release, activity after the release; after a retirement, activity after the last activity seen
 * (the client was retired for not being heard since then, so anything later proves it is still
 * installed). An old event delivered again, or late, after the release changes nothing.</li>
 * </ul>
 */
public final class SeatRules {

    private SeatRules() {
    }

    /** What one piece of activity does to a seat. */
    public enum Decision {
        /** The device holds no seat record: it takes a seat. */
        TAKE,
        /** The seat was released and this activity is newer than the release: the seat is taken again. */
        RETAKE,
        /** The seat is held and this activity is newer than the last seen: remember it. */
        TOUCH,
        /** The seat is held and already saw activity as new as this: nothing changes (a duplicate or a late event). */
        ALREADY_SEEN,
        /** The seat was released after this activity happened: nothing changes (a replayed or late event). */
        BEFORE_RELEASE
    }

    /**
     * A seat record as the rules need it.
     *
     * @param releasedAt null while held
     * @param reason     null while held
     */
    public record SeatFacts(Instant lastSeenAt, Instant releasedAt, ReleaseReason reason) {

        public boolean held() {
            return releasedAt == null;
        }
    }

    /** @param seat null when the device has no seat record */
    public static Decision onActivity(SeatFacts seat, Instant activityAt) {
        if (seat == null) {
            return Decision.TAKE;
        }
        if (seat.held()) {
            return activityAt.isAfter(seat.lastSeenAt()) ? Decision.TOUCH : Decision.ALREADY_SEEN;
        }
        return activityAt.isAfter(retakenOnlyAfter(seat)) ? Decision.RETAKE : Decision.BEFORE_RELEASE;
    }

    /** Activity strictly after this instant takes a released seat again. */
    public static Instant retakenOnlyAfter(SeatFacts released) {
        return released.reason() == ReleaseReason.RETIRED ? released.lastSeenAt() : released.releasedAt();
    }

    /** True when a held seat last seen at {@code lastSeenAt} is due for retirement at {@code now}. */
    public static boolean inactive(Instant lastSeenAt, Instant now, Duration retireAfter) {
        return lastSeenAt.plus(retireAfter).isBefore(now);
    }

    /**
     * The time an activity counts at: the gateway's receive time, but never later than this
     * service's clock, so a gateway clock running ahead cannot keep a seat from retiring.
     */
    public static Instant activityTime(long receivedAtUnixMs, Instant now) {
        Instant at = Instant.ofEpochMilli(receivedAtUnixMs);
        return at.isAfter(now) ? now : at;
    }
}
