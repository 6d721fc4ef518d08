package dev.cascade.licensing.seat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.licensing.seat.SeatRules.Decision;
import dev.cascade.licensing.seat.SeatRules.SeatFacts;

/**
 * The seat rules against duplicated and reordered activity, on a small in-memory model of the seat
 * table that applies {@link SeatRules} exactly as SeatService does.
 */
class SeatRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    /** One device's seat record and the seat count, as SeatService keeps them. */
    private static final class Seats {
        final Map<String, SeatFacts> records = new HashMap<>();
        long held;

        Decision activity(String device, Instant at) {
            SeatFacts seat = records.get(device);
            Decision decision = SeatRules.onActivity(seat, at);
            switch (decision) {
                case TAKE, RETAKE -> {
                    records.put(device, new SeatFacts(at, null, null));
                    held++;
                }
                case TOUCH -> records.put(device, new SeatFacts(at, null, null));
                default -> {
                }
            }
            return decision;
        }

        void release(String device, Instant now, ReleaseReason reason) {
            SeatFacts seat = records.get(device);
            assertThat(seat.held()).isTrue();
            records.put(device, new SeatFacts(seat.lastSeenAt(), now, reason));
            held--;
        }
    }

    @Test
    void duplicatesAndAnyOrderOfOneDevicesActivityHoldOneSeat() {
        List<Instant> activity = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(60), T0.plusSeconds(900), T0);
        for (List<Instant> order : permutations(activity)) {
            Seats seats = new Seats();
            order.forEach(at -> seats.activity("pc-1", at));
            assertThat(seats.held).as("order %s", order).isEqualTo(1);
            assertThat(seats.records.get("pc-1").lastSeenAt()).as("order %s", order).isEqualTo(T0.plusSeconds(900));
        }
    }

    @Test
    void aRegistrationAfterAnAdminReleaseTakesTheSeatAgain() {
        Seats seats = new Seats();
        seats.activity("pc-1", T0);
        seats.release("pc-1", T0.plusSeconds(3600), ReleaseReason.RELEASED);
        assertThat(seats.held).isZero();

        assertThat(seats.activity("pc-1", T0.plusSeconds(7200))).isEqualTo(Decision.RETAKE);
        assertThat(seats.held).isEqualTo(1);
    }

    @Test
    void anOldEventReplayedOrLateAfterAnAdminReleaseDoesNotResurrectTheSeat() {
        Seats seats = new Seats();
        seats.activity("pc-1", T0);                                     // registration 1 takes the seat
        Instant released = T0.plusSeconds(3600);
        seats.release("pc-1", released, ReleaseReason.RELEASED);

        assertThat(seats.activity("pc-1", T0)).isEqualTo(Decision.BEFORE_RELEASE);                  // registration 1 replayed
        assertThat(seats.activity("pc-1", T0.plusSeconds(1800))).isEqualTo(Decision.BEFORE_RELEASE); // a heartbeat sent before, arriving late
        assertThat(seats.activity("pc-1", released)).isEqualTo(Decision.BEFORE_RELEASE);            // the same instant is not after it
        assertThat(seats.held).isZero();
    }

    @Test
    void aRetiredClientComesBackWithAnythingNewerThanItsLastActivity() {
        Seats seats = new Seats();
        seats.activity("pc-1", T0);
        Instant retiredAt = T0.plus(Duration.ofDays(31));
        seats.release("pc-1", retiredAt, ReleaseReason.RETIRED);

        // the activity the retirement was based on, delivered again: stays retired
        assertThat(seats.activity("pc-1", T0)).isEqualTo(Decision.BEFORE_RELEASE);
        assertThat(seats.held).isZero();
        // a heartbeat sent after the last one seen, even if it was stuck in a lagging consumer until after the retirement
        assertThat(seats.activity("pc-1", T0.plus(Duration.ofDays(1)))).isEqualTo(Decision.RETAKE);
        assertThat(seats.held).isEqualTo(1);
    }

    @Test
    void reorderedEventsOfManyDevicesAroundAReleaseEndInTheSameSeats() {
        // device a: active before and after its release; b: only before; c: only after
        Instant release = T0.plusSeconds(1000);
        List<Object[]> events = List.of(
                new Object[] {"a", T0}, new Object[] {"a", T0.plusSeconds(500)}, new Object[] {"a", T0.plusSeconds(1500)},
                new Object[] {"b", T0.plusSeconds(100)}, new Object[] {"b", T0.plusSeconds(100)},
                new Object[] {"c", T0.plusSeconds(2000)});
        // the events before the release were applied before it (they took the seats); the rest arrive in any order,
        // with every earlier event replayed among them
        for (List<Object[]> order : permutations(events)) {
            Seats seats = new Seats();
            seats.activity("a", T0);
            seats.activity("b", T0.plusSeconds(100));
            seats.release("a", release, ReleaseReason.RELEASED);
            seats.release("b", release, ReleaseReason.RELEASED);
            for (Object[] event : order) {
                seats.activity((String) event[0], (Instant) event[1]);
            }
            assertThat(seats.held).isEqualTo(2);
            assertThat(seats.records.get("a").held()).isTrue();
            assertThat(seats.records.get("b").held()).isFalse();
            assertThat(seats.records.get("c").held()).isTrue();
        }
    }

    @Test
    void inactivityAndActivityTime() {
        assertThat(SeatRules.inactive(T0, T0.plus(Duration.ofDays(30)), Duration.ofDays(30))).isFalse();
        assertThat(SeatRules.inactive(T0, T0.plus(Duration.ofDays(30)).plusMillis(1), Duration.ofDays(30))).isTrue();
        // a gateway clock running ahead counts as now
        assertThat(SeatRules.activityTime(T0.plusSeconds(60).toEpochMilli(), T0)).isEqualTo(T0);
        assertThat(SeatRules.activityTime(T0.minusSeconds(60).toEpochMilli(), T0)).isEqualTo(T0.minusSeconds(60));
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
