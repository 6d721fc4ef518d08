package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-source window and timeout rules of docs/protocol.md §17.4, step by step. */
class CongestionControlTest {

    private static final long MS = 1_000_000;

    @Test
    void slowStartDoublesPerWindowDeliveredThenGrowsByOneBlockPerWindow() {
        CongestionWindow window = new CongestionWindow();
        assertThat(window.blocks()).isEqualTo(CongestionWindow.INITIAL_WINDOW);

        window.delivered(8);
        assertThat(window.blocks()).isEqualTo(16);
        window.lost(10 * MS, 11 * MS); // threshold 8
        assertThat(window.blocks()).isEqualTo(8);
        assertThat(window.inSlowStart()).isFalse();

        window.delivered(8);
        assertThat(window.blocks()).isEqualTo(8); // ~8.9: one block per window of eight
        window.delivered(9);
        assertThat(window.blocks()).isEqualTo(9);
    }

    @Test
    void lossesOfOneRoundTripHalveTheWindowOnce() {
        CongestionWindow window = new CongestionWindow();
        window.delivered(56); // 64
        window.lost(5 * MS, 20 * MS);
        window.lost(6 * MS, 21 * MS); // asked before the reduction at 20 ms: the same congestion event
        window.lost(19 * MS, 22 * MS);
        assertThat(window.blocks()).isEqualTo(32);
        assertThat(window.reductions()).isEqualTo(1);

        window.lost(25 * MS, 40 * MS); // asked after it: a new event
        assertThat(window.blocks()).isEqualTo(16);
    }

    @Test
    void theWindowNeverFallsBelowTwoNorGrowsAboveItsCap() {
        CongestionWindow window = new CongestionWindow();
        for (int i = 0; i < 10; i++) {
            window.lost(i * 10 * MS, i * 10 * MS + 1);
        }
        assertThat(window.blocks()).isEqualTo(CongestionWindow.MIN_WINDOW);
        window.timedOut(200 * MS);
        assertThat(window.blocks()).isEqualTo(CongestionWindow.MIN_WINDOW);

        window.delivered(1_000_000);
        assertThat(window.blocks()).isEqualTo(CongestionWindow.MAX_WINDOW);
    }

    @Test
    void aTimeoutRestartsSlowStartFromTheMinimumWindow() {
        CongestionWindow window = new CongestionWindow();
        window.delivered(24); // 32
        window.timedOut(1);
        assertThat(window.blocks()).isEqualTo(2);
        assertThat(window.inSlowStart()).isTrue();
        window.delivered(14); // slow start up to the threshold of 16
        assertThat(window.blocks()).isEqualTo(16);
        assertThat(window.inSlowStart()).isFalse();
    }

    @Test
    void retransmissionTimeoutFollowsRfc6298WithLanBoundsAndBackoff() {
        RttEstimator rtt = new RttEstimator(200 * MS, 50 * MS, 2_000 * MS);
        assertThat(rtt.rto()).isEqualTo(200 * MS);

        rtt.sample(100 * MS); // srtt 100, rttvar 50: rto 300
        assertThat(rtt.srtt()).isEqualTo(100 * MS);
        assertThat(rtt.rto()).isEqualTo(300 * MS);
        rtt.sample(100 * MS); // rttvar 37.5: rto 250
        assertThat(rtt.rto()).isEqualTo(250 * MS);

        rtt.backOff();
        assertThat(rtt.rto()).isEqualTo(500 * MS);
        rtt.backOff();
        rtt.backOff();
        rtt.backOff();
        assertThat(rtt.rto()).isEqualTo(2_000 * MS);
        rtt.sample(100 * MS); // a new sample ends the backoff
        assertThat(rtt.rto()).isLessThan(300 * MS);

        RttEstimator lan = new RttEstimator(200 * MS, 50 * MS, 2_000 * MS);
        lan.sample(MS / 5); // a 0.2 ms LAN round trip still waits the 50 ms floor
        assertThat(lan.rto()).isEqualTo(50 * MS);
    }

    @Test
    void pacingSpreadsTheWindowOverTheRoundTrip() {
        SourceLink link = new SourceLink(FetchSource.holdingAll(java.util.UUID.randomUUID(),
                new java.net.InetSocketAddress("127.0.0.1", 1)), 1472, 1281, new RttEstimator(200 * MS, 50 * MS, 2_000 * MS));
        assertThat(link.pacingGapNanos(8)).isZero(); // no round trip measured yet: the initial window goes at once
        link.rtt.sample(8 * MS);
        // window 8 in slow start (gain 2): 8 blocks' worth of an 8 ms round trip at twice the rate = 4 ms
        assertThat(link.pacingGapNanos(8)).isEqualTo(4 * MS);
    }
}
