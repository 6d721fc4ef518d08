package dev.cascade.cli.demo.wan;

/**
 * The clock and timer the emulated links run on: {@link WanTimer} in a real run, a hand-driven clock in tests of the
 * schedule arithmetic.
 */
public interface WanScheduler {

    /** Monotonic time in nanoseconds, any origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /**
     * Runs {@code task} once {@link #nanoTime()} reaches {@code atNanos} (at once when it has). Tasks due at the same
     * time run in the order they were scheduled, so one link's datagrams leave in the order they came.
     */
    void schedule(long atNanos, Runnable task);
}
