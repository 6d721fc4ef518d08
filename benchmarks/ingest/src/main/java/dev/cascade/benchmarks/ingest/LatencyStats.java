package dev.cascade.benchmarks.ingest;

import java.util.Arrays;

/** Percentiles of the ACK latencies of one run (acknowledged datagrams only). */
record LatencyStats(int count, double p50Millis, double p99Millis, double maxMillis) {

    static LatencyStats of(RegisterLoad.Result result) {
        long[] acked = new long[result.acked()];
        int n = 0;
        for (int i = 0; i < result.ackEventId().length && n < acked.length; i++) {
            if (result.ackEventId()[i] != null) {
                acked[n++] = result.latencyNanos()[i];
            }
        }
        acked = Arrays.copyOf(acked, n);
        Arrays.sort(acked);
        if (n == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencyStats(n, millis(acked[(int) Math.ceil(n * 0.50) - 1]), millis(acked[(int) Math.ceil(n * 0.99) - 1]),
                millis(acked[n - 1]));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
