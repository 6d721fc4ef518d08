package dev.cascade.cli.simulate;

import java.util.PriorityQueue;

/**
 * Simulated time (seconds since the deployment was created) and what happens next. Events at the same time run in the
 * order they were scheduled, so a run is deterministic.
 */
final class EventQueue {

    private record Event(double time, long seq, Runnable action) implements Comparable<Event> {

        @Override
        public int compareTo(Event other) {
            int order = Double.compare(time, other.time);
            return order != 0 ? order : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>(1 << 16);
    private final TransferHeap transfers = new TransferHeap();
    private java.util.function.Consumer<Transfer> completed = transfer -> {
        throw new IllegalStateException("no handler for completed transfers");
    };
    private double now;
    private long seq;
    private long processed;

    TransferHeap transfers() {
        return transfers;
    }

    /** Called with each transfer when it has moved its last byte (the transfer is out of the heap by then). */
    void onCompleted(java.util.function.Consumer<Transfer> handler) {
        this.completed = handler;
    }

    double now() {
        return now;
    }

    long processed() {
        return processed;
    }

    void at(double time, Runnable action) {
        if (time < now) {
            throw new IllegalStateException("an event at " + time + " s is in the past (now " + now + " s)");
        }
        events.add(new Event(time, seq++, action));
    }

    void after(double seconds, Runnable action) {
        at(now + seconds, action);
    }

    /**
     * Runs the events and transfer completions in time order while {@code going} holds and any is left; at equal times
     * the events first.
     */
    void runWhile(java.util.function.BooleanSupplier going) {
        while (going.getAsBoolean()) {
            Event event = events.peek();
            boolean transferFirst = !transfers.isEmpty() && (event == null || transfers.first().finishAt < event.time);
            processed++;
            if (transferFirst) {
                Transfer transfer = transfers.removeFirst();
                now = Math.max(now, transfer.finishAt);
                completed.accept(transfer);
            } else if (event != null) {
                events.poll();
                now = event.time;
                event.action.run();
            } else {
                return;
            }
        }
    }
}
