package dev.cascade.cli.demo.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The link's schedule arithmetic on a hand-driven clock: rate, queue limit, propagation, counters. */
class WanLinkTest {

    private static final long MS = 1_000_000L;
    /** 8 Mbit/s: one byte per microsecond, so a 972-byte payload (1 000 bytes with IP and UDP headers) takes 1 ms. */
    private static final long RATE = 8_000_000L;
    private static final int PAYLOAD = 1_000 - WanLink.IP_UDP_HEADER_BYTES;
    private static final long START = 5_000 * MS;

    private final ManualScheduler clock = new ManualScheduler(START);
    private final List<Long> deliveries = new ArrayList<>();

    @Test
    void datagramsLeaveOneAfterAnotherAtTheRateAndArriveAPropagationDelayLater() {
        WanLink link = link(Duration.ofSeconds(1), Duration.ofMillis(10));

        for (int i = 0; i < 5; i++) {
            assertThat(link.offer(PAYLOAD, this::delivered)).isTrue();
        }
        clock.runAll();

        assertThat(deliveries).containsExactly(START + 11 * MS, START + 12 * MS, START + 13 * MS, START + 14 * MS,
                START + 15 * MS);
    }

    @Test
    void aDatagramOnAnIdleLinkStartsAtOnceAndNothingArrivesBeforeItsTime() {
        WanLink link = link(Duration.ofSeconds(1), Duration.ofMillis(10));
        link.offer(PAYLOAD, this::delivered);
        clock.runAll();
        clock.advanceTo(START + 100 * MS); // the link has long drained

        link.offer(2 * PAYLOAD + WanLink.IP_UDP_HEADER_BYTES, this::delivered); // 2 000 bytes on the wire: 2 ms
        clock.advanceTo(START + 112 * MS - 1);
        assertThat(deliveries).containsExactly(START + 11 * MS);
        clock.advanceTo(START + 112 * MS);

        assertThat(deliveries).containsExactly(START + 11 * MS, START + 112 * MS);
    }

    @Test
    void aDatagramThatWouldWaitLongerThanTheQueueLimitIsDroppedAndCounted() {
        WanLink link = link(Duration.ofMillis(3), Duration.ZERO);

        List<Boolean> admitted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            admitted.add(link.offer(PAYLOAD, this::delivered));
        }

        // waits of 0, 1, 2 and 3 ms are within the limit; 4 ms is not, and the queue does not move while time stands
        assertThat(admitted).containsExactly(true, true, true, true, false, false, false, false, false, false);
        assertThat(link.queueingDelay()).isEqualTo(Duration.ofMillis(4));
        clock.advanceBy(2 * MS);
        assertThat(link.queueingDelay()).isEqualTo(Duration.ofMillis(2));
        assertThat(link.offer(PAYLOAD, this::delivered)).isTrue();
        clock.runAll();

        assertThat(deliveries).containsExactly(START + MS, START + 2 * MS, START + 3 * MS, START + 4 * MS,
                START + 5 * MS);
        LinkCounters counters = link.counters();
        assertThat(counters.datagramsDelivered()).isEqualTo(5);
        assertThat(counters.bytesDelivered()).isEqualTo(5L * PAYLOAD);
        assertThat(counters.wireBytesDelivered()).isEqualTo(5L * 1_000);
        assertThat(counters.datagramsDropped()).isEqualTo(6);
        assertThat(counters.bytesDropped()).isEqualTo(6L * PAYLOAD);
        assertThat(counters.maxQueueingDelay()).isEqualTo(Duration.ofMillis(3));
        assertThat(counters.meanQueueingDelay()).isEqualTo(Duration.ofNanos((0 + 1 + 2 + 3 + 2) * MS / 5));
        assertThat(counters.queueingDelay()).isEqualTo(Duration.ZERO);
        assertThat(counters.link()).isEqualTo("HQ → Branch-A");
        assertThat(counters.office()).isEqualTo("Branch-A");
        assertThat(counters.direction()).isEqualTo(LinkDirection.DOWN);
    }

    @Test
    void deliveredCountsOnlyWhatHasArrived() {
        WanLink link = link(Duration.ofSeconds(1), Duration.ofMillis(10));
        link.offer(PAYLOAD, this::delivered);
        link.offer(PAYLOAD, this::delivered);

        clock.advanceTo(START + 11 * MS);

        assertThat(link.counters().datagramsDelivered()).isEqualTo(1);
        assertThat(link.counters().queueingDelay()).isEqualTo(Duration.ZERO);
        assertThat(clock.pending()).isEqualTo(1);
    }

    @Test
    void aPayloadNoUdpDatagramCanCarryIsRefusedNamingTheLink() {
        WanLink link = link(Duration.ofSeconds(1), Duration.ZERO);

        assertThatThrownBy(() -> link.offer(65_508, this::delivered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65508 bytes").hasMessageContaining("HQ → Branch-A");
        assertThat(link.counters().datagramsDropped()).isZero();
    }

    @Test
    void shapesRejectImpossibleValuesNamingThem() {
        assertThatThrownBy(() -> new LinkShape(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("link rate 0 bit/s");
        assertThatThrownBy(() -> new LinkShape(RATE, Duration.ofMillis(-1), Duration.ZERO))
                .hasMessageContaining("queue limit PT-0.001S");
        assertThatThrownBy(() -> new LinkShape(RATE, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("propagation delay PT1M");
        assertThatThrownBy(() -> LinkShape.megabits(Double.NaN, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("NaN Mbit/s");
        assertThat(LinkShape.megabits(20, Duration.ofMillis(200), Duration.ofMillis(10)).bitsPerSecond())
                .isEqualTo(20_000_000L);
    }

    @Test
    void serialisationTimeRoundsUp() {
        LinkShape shape = new LinkShape(3, Duration.ZERO, Duration.ZERO);

        assertThat(shape.serializationNanos(1)).isEqualTo(2_666_666_667L); // 8 bits at 3 bit/s
    }

    private WanLink link(Duration queueLimit, Duration propagation) {
        return new WanLink("HQ → Branch-A", "Branch-A", LinkDirection.DOWN, new LinkShape(RATE, queueLimit,
                propagation), clock);
    }

    private void delivered() {
        deliveries.add(clock.nanoTime());
    }
}
