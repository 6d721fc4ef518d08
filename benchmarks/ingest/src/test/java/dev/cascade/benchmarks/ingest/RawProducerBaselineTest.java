package dev.cascade.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawProducerBaselineTest {

    private static String summary(long records, double rate, double avg, double max, int p50, int p99) {
        return String.format(java.util.Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, "
                + "%.2f ms max latency, %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n", records, rate, rate * 204 / 1e6,
                avg, max, p50, p99 - 1, p99, p99 + 1);
    }

    /** What RawProducerMain prints: ProducerPerformance's progress and summary lines, its own markers. */
    private static String output() {
        return "warm-up run\n"
                + "120000 records sent, 23990.4 records/sec (4.89 MB/sec), 800.1 ms avg latency, 1200.0 ms max latency.\n"
                + summary(400_000, 40_000.0, 900.0, 1500.0, 850, 1400)
                + "measured run 1\n" + summary(400_000, 90_000.0, 30.5, 102.0, 24, 88)
                + "measured cpu-nanos 3600000000\n"
                + "measured run 2\n" + summary(400_000, 130_000.0, 20.0, 80.0, 18, 60)
                + "measured cpu-nanos 2400000000\n"
                + "measured run 3\n" + summary(400_000, 110_000.0, 25.0, 90.0, 21, 70)
                + "measured cpu-nanos 2800000000\n";
    }

    @Test
    void reportsTheMeasuredRunWithTheMedianRateAndItsOwnCpuTime() {
        RawProducerBaseline.Outcome outcome = RawProducerBaseline.parse(output(), 400_000, 3, 3.5);

        assertThat(outcome.recordsPerSecond()).isEqualTo(110_000.0);
        assertThat(outcome.runsPerSecond()).containsExactly(90_000.0, 130_000.0, 110_000.0);
        assertThat(outcome.p50Millis()).isEqualTo(21);
        assertThat(outcome.p99Millis()).isEqualTo(70);
        assertThat(outcome.cpuMicrosPerRecord()).isEqualTo(7.0); // 2.8 s over 400 000 records, run 3's own
        assertThat(outcome.warmUpRecordsPerSecond()).isEqualTo(40_000.0);
        assertThat(outcome.brokerCpuMicrosPerRecord()).isEqualTo(3.5);
    }

    @Test
    void refusesOutputWithoutEveryMeasuredRun() {
        String oneRunMissing = output().substring(0, output().indexOf("measured run 3"));

        assertThatThrownBy(() -> RawProducerBaseline.parse(oneRunMissing, 400_000, 3, 3.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected 4 ProducerPerformance summary lines and 3 measured CPU times");
    }
}
