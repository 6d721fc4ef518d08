package dev.cascade.wire.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A requester, one holder and a FIFO bottleneck between them, in simulated time, to drive one
 * {@link CongestionControl} as {@link PieceFetcher} does: every block is asked for as soon as the window has room, the
 * holder stamps it when the request reaches it, the bottleneck serves one block per {@code serviceNanos} after
 * {@code oneWayNanos} of path each way. Records the queueing delay each block met and the blocks delivered, so a test
 * can check the controller against the queue it builds rather than against its own estimate.
 */
final class BottleneckModel {

    /** One block in flight: when it was asked for, stamped, and arrives; the queue it waited in. */
    private record Flight(long requestedAt, long stampedMicros, long arrivesAt, long queuedNanos) {
    }

    /** A block that arrived: when, and how long it waited in the bottleneck's queue. */
    record Arrival(long at, long queuedNanos) {
    }

    private final long serviceNanos;
    private final long oneWayNanos;
    private final long holderClockOffsetMicros;
    private final PriorityQueue<Flight> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.arrivesAt, b.arrivesAt));
    private final List<Arrival> arrivals = new ArrayList<>();
    private long lastDeparture;
    private long now;

    BottleneckModel(long serviceNanos, long oneWayNanos, long holderClockOffsetMicros) {
        this.serviceNanos = serviceNanos;
        this.oneWayNanos = oneWayNanos;
        this.holderClockOffsetMicros = holderClockOffsetMicros;
    }

    /** Runs {@code control} (reading {@code rtt}) until {@code until}, simulated nanoseconds from the start. */
    void run(CongestionControl control, RttEstimator rtt, long until) {
        fill(control);
        while (!inFlight.isEmpty() && inFlight.peek().arrivesAt <= until) {
            Flight block = inFlight.poll();
            now = block.arrivesAt;
            rtt.sample(now - block.requestedAt);
            control.delivered(1, block.stampedMicros, now);
            arrivals.add(new Arrival(now, block.queuedNanos));
            fill(control);
        }
        now = until;
    }

    private void fill(CongestionControl control) {
        while (inFlight.size() < control.blocks()) {
            long atHolder = now + oneWayNanos;
            long start = Math.max(atHolder, lastDeparture);
            lastDeparture = start + serviceNanos;
            inFlight.add(new Flight(now, atHolder / 1_000 + holderClockOffsetMicros, lastDeparture + oneWayNanos,
                    start - atHolder));
        }
    }

    /** The arrivals between {@code from} and {@code to}. */
    List<Arrival> arrivals(long from, long to) {
        return arrivals.stream().filter(a -> a.at() >= from && a.at() < to).toList();
    }

    /** The share of the bottleneck's capacity used between {@code from} and {@code to}. */
    double utilisation(long from, long to) {
        return (double) arrivals(from, to).size() * serviceNanos / (to - from);
    }
}
