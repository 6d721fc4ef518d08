package dev.cascade.cli.simulate;

import java.util.Arrays;

/** A count per simulated second, for means and peaks. */
final class SecondCounts {

    private long[] counts = new long[1024];
    private long total;

    void add(double time, long n) {
        add((long) Math.floor(time), n);
    }

    void add(long second, long n) {
        if (second >= counts.length) {
            counts = Arrays.copyOf(counts, (int) Math.max(second + 1, counts.length * 2L));
        }
        counts[(int) second] += n;
        total += n;
    }

    void addAll(SecondCounts other) {
        for (int second = 0; second < other.counts.length; second++) {
            if (other.counts[second] != 0) {
                add(second, other.counts[second]);
            }
        }
    }

    long total() {
        return total;
    }

    /** The busiest second among the first {@code seconds}. */
    long peak(long seconds) {
        long peak = 0;
        for (int second = 0; second < Math.min(seconds, counts.length); second++) {
            peak = Math.max(peak, counts[second]);
        }
        return peak;
    }

    /** The mean, total and peak over a window of {@code seconds}. */
    SimulationReport.Rate rate(long seconds) {
        return new SimulationReport.Rate(total, seconds == 0 ? 0 : (double) total / seconds, peak(seconds));
    }
}
