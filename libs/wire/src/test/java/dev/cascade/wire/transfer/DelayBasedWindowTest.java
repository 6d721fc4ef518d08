package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** The background protocol's delay-based window (docs/protocol.md §18.3), on synthetic delays, losses and a model link. */
class DelayBasedWindowTest {

    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;
    private static final long TARGET_MICROS = 50_000;
    /** Synthetic blocks arrive this far apart (10 000 blocks/s): a round trip of 20 ms carries 200. */
    private static final long STEP = MS / 10;

    @Test
    void onAnIdleLinkItFillsTheLinkAndHoldsTheQueueNearTheTarget() {
        // 2 000 blocks/s (about 20 Mbit/s of 1 281-byte blocks), 10 ms each way
        BottleneckModel link = new BottleneckModel(MS / 2, 10 * MS, 0);
        RttEstimator rtt = wanRtt();
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);

        link.run(window, rtt, 60 * S);

        assertThat(link.utilisation(10 * S, 60 * S)).as("share of the link used").isGreaterThan(0.85);
        List<Long> queued = link.arrivals(10 * S, 60 * S).stream().map(a -> a.queuedNanos() / MS).sorted().toList();
        long median = queued.get(queued.size() / 2);
        long p95 = queued.get(queued.size() * 95 / 100);
        assertThat(median).as("median queueing delay, ms").isBetween(30L, 60L);
        assertThat(p95).as("95th percentile queueing delay, ms").isLessThanOrEqualTo(75L);
        assertThat(window.slowdowns()).as("periodic slowdowns in 60 s").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aGrowingQueueShrinksTheWindowToItsMinimumAndSaysSince() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS);
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);
        Clock clock = new Clock();
        feed(window, clock, 20, 0); // base delay: 20 ms one way, no queue
        feed(window, clock, 300, 30_000); // slow start up to a 30 ms queue (below ¾ of the target)
        double grown = window.exactWindow();
        assertThat(grown).isGreaterThan(10);
        assertThat(window.inSlowStart()).isTrue();

        feed(window, clock, 8, 45_000); // above ¾ of the target: slow start ends
        assertThat(window.inSlowStart()).isFalse();

        // another flow builds a 150 ms queue: (150 / 50 − 1) · W per round trip is more than W / 2, so at most halved
        feed(window, clock, QueueingDelay.CURRENT_FILTER, 150_000); // the current delay is the least of the last four
        double before = window.exactWindow();
        feed(window, clock, (int) before, 150_000);
        assertThat(window.exactWindow()).isLessThanOrEqualTo(before / 2 + 1).isGreaterThanOrEqualTo(2);
        assertThat(window.minimumSince()).isEqualTo(-1);

        feed(window, clock, 1_500, 150_000); // halving per round trip of 20 ms (and a slowdown on the way)
        assertThat(window.blocks()).isEqualTo(DelayBasedWindow.MIN_WINDOW);
        long heldSince = window.minimumSince();
        assertThat(heldSince).isPositive();
        feed(window, clock, 20, 150_000);
        assertThat(window.minimumSince()).as("still the same busy spell").isEqualTo(heldSince);
    }

    @Test
    void lateBlocksArrivingTogetherHalveTheWindowAtMostOncePerRoundTrip() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS);
        Clock clock = new Clock();
        DelayBasedWindow window = grownTo(40, rtt, clock);
        double before = window.exactWindow();

        // the requester paused for 120 ms: 400 blocks waited in its socket buffer and are read within a millisecond
        for (int i = 0; i < 400; i++) {
            clock.now += 2_000;
            window.delivered(1, clock.now / 1_000 - 20_000 - 120_000, clock.now);
        }
        // (the first three still grow a little: the current delay is the least of the last four samples)
        assertThat(window.exactWindow()).isCloseTo(before / 2, within(0.05));

        feed(window, clock, 300, 120_000); // over the next round trip (30 ms on), still late: halved once more
        assertThat(window.exactWindow()).isCloseTo(before / 4, within(0.05));
    }

    @Test
    void justAboveTheTargetTheWindowShrinksInProportion() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS);
        Clock clock = new Clock();
        DelayBasedWindow window = grownTo(40, rtt, clock);
        double before = window.exactWindow();

        // 10 % above the target: about W · 0.1 less per window of blocks, far from halving
        feed(window, clock, (int) before, 55_000);
        assertThat(window.exactWindow()).isBetween(before * 0.85, before * 0.95);
    }

    @Test
    void belowTheTargetTheWindowGrowsByTheGainPerWindow() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS); // gain 1 / ceil(2 · 50 / 20) = 1/5
        Clock clock = new Clock();
        DelayBasedWindow window = grownTo(40, rtt, clock);
        assertThat(window.gain()).isEqualTo(1.0 / 5);
        double before = window.exactWindow();

        feed(window, clock, (int) Math.round(before), 20_000);
        assertThat(window.exactWindow()).isCloseTo(before + 0.2, within(0.01));
    }

    @Test
    void theGainFollowsTheBaseRoundTrip() {
        RttEstimator lan = wanRtt();
        lan.sample(MS / 2);
        assertThat(new DelayBasedWindow(TARGET_MICROS, lan).gain()).isEqualTo(1.0 / 16);
        RttEstimator far = wanRtt();
        far.sample(250 * MS);
        assertThat(new DelayBasedWindow(TARGET_MICROS, far).gain()).isEqualTo(1.0);
        RttEstimator none = wanRtt();
        assertThat(new DelayBasedWindow(TARGET_MICROS, none).gain()).isEqualTo(1.0 / 16);
    }

    @Test
    void lossesOfOneRoundTripHalveTheWindowOnce() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS);
        Clock clock = new Clock();
        DelayBasedWindow window = grownTo(40, rtt, clock);
        double before = window.exactWindow();
        long t = clock.now;

        window.lost(t - 5 * MS, t);
        window.lost(t - 4 * MS, t + MS); // asked before the reduction: the same congestion event
        assertThat(window.exactWindow()).isCloseTo(before / 2, within(0.001));
        assertThat(window.reductions()).isEqualTo(1);

        window.lost(t + 2 * MS, t + 30 * MS); // asked after it: a new event
        assertThat(window.exactWindow()).isCloseTo(before / 4, within(0.001));

        window.timedOut(t + S);
        assertThat(window.blocks()).isEqualTo(DelayBasedWindow.MIN_WINDOW);
        assertThat(window.inSlowStart()).isTrue();
    }

    @Test
    void aLossEndsSlowStart() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS);
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);
        Clock clock = new Clock();
        feed(window, clock, 100, 0);
        double before = window.exactWindow();
        window.lost(clock.now - MS, clock.now);
        assertThat(window.inSlowStart()).isFalse();
        assertThat(window.exactWindow()).isCloseTo(before / 2, within(0.001));
    }

    @Test
    void slowdownsComeTwoRoundTripsAfterSlowStartThenNineTimesTheirLengthApart() {
        RttEstimator rtt = wanRtt();
        rtt.sample(20 * MS); // srtt stays 20 ms: no further samples
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);
        Clock clock = new Clock();
        feed(window, clock, 4, 0);
        feed(window, clock, 200, 20_000);
        feed(window, clock, QueueingDelay.CURRENT_FILTER, 45_000); // above ¾ of the target: slow start ends here
        long slowStartEnd = clock.now;
        assertThat(window.inSlowStart()).isFalse();

        // 2 round trips (40 ms) later the window drops to the minimum ...
        long slowdown = feedUntil(window, clock, 45_000, window::inSlowdown);
        assertThat(slowdown - slowStartEnd).isBetween(40 * MS, 40 * MS + STEP);
        assertThat(window.blocks()).isEqualTo(DelayBasedWindow.MIN_WINDOW);
        assertThat(window.minimumSince()).as("a slowdown is not a busy WAN").isEqualTo(-1);

        // ... for 2 round trips, then slow start again
        long slowStart = feedUntil(window, clock, 0, window::inSlowStart);
        assertThat(slowStart - slowdown).isBetween(40 * MS, 40 * MS + STEP);

        // it ends 100 ms after the slowdown began (the queue reaches ¾ of the target): the next comes 9 × 100 ms later
        feedUntil(window, clock, 20_000, () -> clock.now >= slowdown + 100 * MS);
        feed(window, clock, QueueingDelay.CURRENT_FILTER, 45_000);
        long end = clock.now;
        assertThat(window.inSlowStart()).isFalse();
        long next = feedUntil(window, clock, 45_000, window::inSlowdown);
        assertThat(next - end).isBetween(9 * (end - slowdown), 9 * (end - slowdown) + STEP);
        assertThat(window.slowdowns()).isEqualTo(2);
    }

    @Test
    void theBaseDelayFollowsARouteChangeOnceTheHistoryHasRolledOver() {
        QueueingDelay delay = new QueueingDelay();
        long now = 0;
        for (; now < 15 * 60 * S; now += S) { // a quarter of an hour at 10 ms one way: the history is full of it
            delay.sample(now / 1_000, now / 1_000 + 10_000, now);
        }
        assertThat(delay.queueingMicros()).isZero();

        // a new route, 30 ms one way: read as 20 ms of queue while any minute of the old route is in the history ...
        long change = now;
        for (; now < change + 8 * 60 * S + 30 * S; now += S) {
            delay.sample(now / 1_000, now / 1_000 + 30_000, now);
        }
        assertThat(delay.queueingMicros()).as("8 minutes on: the oldest minute in the history is the old route's")
                .isEqualTo(20_000);
        // ... and as no queue once the last of them rolls out (ten minute minima, one of them the running minute)
        for (; now < change + 9 * 60 * S + 30 * S; now += S) {
            delay.sample(now / 1_000, now / 1_000 + 30_000, now);
        }
        assertThat(delay.queueingMicros()).isZero();
    }

    @Test
    void theCurrentDelayIsTheSmallestOfTheLastFourSamples() {
        QueueingDelay delay = new QueueingDelay();
        delay.sample(0, 10_000, 0);
        for (long late : new long[] {30_000, 31_000, 32_000}) {
            delay.sample(0, late, MS);
        }
        assertThat(delay.queueingMicros()).as("the base sample is one of the last four").isZero();
        delay.sample(0, 90_000, 2 * MS); // one late block among 30 ms ones
        assertThat(delay.queueingMicros()).isEqualTo(20_000);
    }

    @Test
    void clockOffsetsBetweenTheHostsCancel() {
        List<Double> inSync = trajectory(0);
        assertThat(trajectory(123_456_789_000L)).isEqualTo(inSync);
        assertThat(trajectory(-987_654_321_000L)).isEqualTo(inSync);
        assertThat(trajectory(Long.MAX_VALUE - 5_000_000)).as("a holder clock that wraps").isEqualTo(inSync);
    }

    @Test
    void settingsChooseTheControllerAndRefuseBadTargets() {
        RttEstimator rtt = wanRtt();
        assertThat(CongestionSettings.FOREGROUND.newControl(rtt)).isInstanceOf(CongestionWindow.class);
        assertThat(FetchSettings.DEFAULTS.congestion()).isEqualTo(CongestionSettings.FOREGROUND);
        assertThat(FetchSettings.BACKGROUND.congestion().newControl(rtt)).isInstanceOf(DelayBasedWindow.class);
        assertThat(FetchSettings.BACKGROUND.congestion().delayTarget()).isEqualTo(Duration.ofMillis(50));
        assertThat(FetchSettings.DEFAULTS.withCongestion(CongestionSettings.background(Duration.ofMillis(25)))
                .congestion().delayTarget()).isEqualTo(Duration.ofMillis(25));

        assertThatThrownBy(() -> CongestionSettings.background(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay target 0 ms");
        assertThatThrownBy(() -> CongestionSettings.background(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1..1000 ms");
        assertThatThrownBy(() -> new CongestionSettings(CongestionSettings.Control.AIMD, Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only applies to DELAY_BASED");
    }

    @Test
    void aFetchersSourceReportsTheWanBusyOnceHeldAtTheMinimumForASecond() {
        SourceLink link = new SourceLink(FetchSource.holdingAll(java.util.UUID.randomUUID(),
                new java.net.InetSocketAddress("127.0.0.1", 1)), 1472, 1272, wanRtt(), CongestionSettings.BACKGROUND);
        link.rtt.sample(20 * MS);
        Clock clock = new Clock();
        feed(link.window, clock, 20, 0);
        feed(link.window, clock, 1_000, 300_000); // a 300 ms queue: halved per round trip down to the minimum
        long since = link.window.minimumSince();
        assertThat(since).isPositive();
        assertThat(link.wanBusyChanged(since + S / 2)).isFalse();
        assertThat(link.wanBusyChanged(since + S)).isTrue();
        assertThat(link.wanBusy()).isTrue();
        assertThat(link.wanBusyChanged(since + 2 * S)).isFalse();

        SourceLink lan = new SourceLink(link.source, 1472, 1272, wanRtt());
        lan.window.timedOut(0);
        assertThat(lan.window.blocks()).isEqualTo(CongestionWindow.MIN_WINDOW);
        assertThat(lan.wanBusyChanged(10 * S)).as("loss-based control never says the WAN is busy").isFalse();
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    /** A simulated clock. */
    private static final class Clock {
        long now = S;
    }

    private static RttEstimator wanRtt() {
        return new RttEstimator(S, 200 * MS, 8 * S);
    }

    /** {@code blocks} blocks, {@link #STEP} apart, each having met {@code queueMicros} of queue on a 20 ms one-way path. */
    private static void feed(CongestionControl window, Clock clock, int blocks, long queueMicros) {
        for (int i = 0; i < blocks; i++) {
            clock.now += STEP;
            long received = clock.now / 1_000;
            window.delivered(1, received - 20_000 - queueMicros, clock.now);
        }
    }

    /** Feeds blocks until {@code condition} holds (within a simulated minute); returns the time it first held. */
    private static long feedUntil(CongestionControl window, Clock clock, long queueMicros, BooleanSupplier condition) {
        long limit = clock.now + 60 * S;
        while (!condition.getAsBoolean()) {
            assertThat(clock.now).as("the condition within a minute").isLessThan(limit);
            feed(window, clock, 1, queueMicros);
        }
        return clock.now;
    }

    /** A window out of slow start at {@code blocks} blocks, with the base delay learnt. */
    private static DelayBasedWindow grownTo(int blocks, RttEstimator rtt, Clock clock) {
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);
        feed(window, clock, 1, 0);
        while (window.exactWindow() < blocks) {
            feed(window, clock, 1, 20_000);
        }
        feed(window, clock, QueueingDelay.CURRENT_FILTER, 45_000);
        assertThat(window.inSlowStart()).isFalse();
        return window;
    }

    /** The window after each block of a model run, with the holder's clock {@code offsetMicros} from the requester's. */
    private static List<Double> trajectory(long offsetMicros) {
        BottleneckModel link = new BottleneckModel(MS / 2, 10 * MS, offsetMicros);
        RttEstimator rtt = wanRtt();
        DelayBasedWindow window = new DelayBasedWindow(TARGET_MICROS, rtt);
        List<Double> windows = new ArrayList<>();
        CongestionControl recording = new CongestionControl() {
            @Override
            public void delivered(int blocks, long sentMicros, long now) {
                window.delivered(blocks, sentMicros, now);
                windows.add(window.exactWindow());
            }

            @Override
            public void lost(long requestSentAt, long now) {
                window.lost(requestSentAt, now);
            }

            @Override
            public void timedOut(long now) {
                window.timedOut(now);
            }

            @Override
            public int blocks() {
                return window.blocks();
            }

            @Override
            public boolean inSlowStart() {
                return window.inSlowStart();
            }

            @Override
            public long reductions() {
                return window.reductions();
            }
        };
        link.run(recording, rtt, 5 * S);
        assertThat(windows).hasSizeGreaterThan(1_000);
        return windows;
    }
}
