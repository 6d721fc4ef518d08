package dev.cascade.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class IngestBenchmarkTest {

    @Test
    void theMedianRunIsTheMiddleOneByItsKeyWhateverTheOrderTheyRanIn() {
        assertThat(IngestBenchmark.median(List.of(52_436.0, 39_492.0, 44_391.0), Double::doubleValue)).isEqualTo(44_391.0);
        assertThat(IngestBenchmark.median(List.of(7.6, 16.6, 6.5, 30.0), Double::doubleValue))
                .as("an even count: the upper of the two middle ones").isEqualTo(16.6);
        assertThat(IngestBenchmark.median(List.of(13.0), Double::doubleValue)).isEqualTo(13.0);
    }
}
