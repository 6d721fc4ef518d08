package dev.cascade.wire;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A sender's outgoing sequence numbers. They must increase strictly for as long as the receiver
 * remembers the sender, including across restarts of the sender; a sender with no durable state
 * therefore starts from its clock in microseconds, which a restart cannot take backwards by more
 * than the clock itself goes back.
 */
public final class SequenceCounter {

    private final AtomicLong last;
    private final LongSupplier clockMicros;

    public SequenceCounter() {
        this(() -> System.currentTimeMillis() * 1000L);
    }

    public SequenceCounter(LongSupplier clockMicros) {
        this.clockMicros = clockMicros;
        this.last = new AtomicLong(clockMicros.getAsLong() - 1);
    }

    public long next() {
        long now = clockMicros.getAsLong();
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
