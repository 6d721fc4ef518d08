package dev.cascade.cli.demo.wan;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of one emulated WAN link: a FIFO queue in front of a wire of fixed rate, then a fixed propagation
 * delay. A datagram entering at time t starts to leave when the datagrams ahead of it have, at max(t, previous
 * departure); it has left {@code (payload + 28) · 8 / rate} later (the rate is the IP link's, so the IPv4 and UDP
 * headers count) and is delivered {@code propagationDelay} after that. A datagram that would wait longer than the
 * queue limit before it starts to leave is dropped and counted — the tail drop of a router's bounded queue, which is
 * what a background transfer's delay-based window must avoid. The arithmetic runs on the injected
 * {@link WanScheduler}'s clock, so a test can drive it by hand.
 */
public final class WanLink {

    /** The IPv4 and UDP headers a UDP payload carries on the wire. */
    public static final int IP_UDP_HEADER_BYTES = 28;
    /** The largest UDP payload over IPv4. */
    private static final int MAX_PAYLOAD = 65_507;

    private final String name;
    private final String office;
    private final LinkDirection direction;
    private final LinkShape shape;
    private final WanScheduler scheduler;
    private final long queueLimitNanos;
    private final long propagationNanos;

    // guarded by this
    private long busyUntil;
    private long admitted;
    private long queuedNanosTotal;
    private long queuedNanosMax;
    private long datagramsDropped;
    private long bytesDropped;

    private final AtomicLong datagramsDelivered = new AtomicLong();
    private final AtomicLong bytesDelivered = new AtomicLong();

    /**
     * @param name how the link is shown, e.g. {@code "HQ → Branch-A"}
     * @param office the office whose link to its parent this is
     * @param direction which way this direction of the link carries datagrams
     */
    public WanLink(String name, String office, LinkDirection direction, LinkShape shape, WanScheduler scheduler) {
        if (name == null || name.isBlank() || office == null || direction == null || shape == null
                || scheduler == null) {
            throw new IllegalArgumentException("a WAN link needs a name, an office, a direction, a shape and a"
                    + " scheduler (got name " + name + ", office " + office + ")");
        }
        this.name = name;
        this.office = office;
        this.direction = direction;
        this.shape = shape;
        this.scheduler = scheduler;
        this.queueLimitNanos = shape.queueLimit().toNanos();
        this.propagationNanos = shape.propagationDelay().toNanos();
        this.busyUntil = scheduler.nanoTime();
    }

    /**
     * Queues a datagram of {@code payloadBytes} UDP payload bytes; {@code delivery} runs on the scheduler when it
     * arrives at the far end.
     *
     * @return false when the queue was too long and the datagram was dropped ({@code delivery} never runs)
     */
    public boolean offer(int payloadBytes, Runnable delivery) {
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a UDP payload of " + payloadBytes + " bytes cannot cross link " + name);
        }
        long now = scheduler.nanoTime();
        long deliverAt;
        synchronized (this) {
            long start = later(now, busyUntil);
            long waits = start - now;
            if (waits > queueLimitNanos) {
                datagramsDropped++;
                bytesDropped += payloadBytes;
                return false;
            }
            busyUntil = start + shape.serializationNanos(payloadBytes + IP_UDP_HEADER_BYTES);
            deliverAt = busyUntil + propagationNanos;
            admitted++;
            queuedNanosTotal += waits;
            queuedNanosMax = Math.max(queuedNanosMax, waits);
        }
        scheduler.schedule(deliverAt, () -> {
            datagramsDelivered.incrementAndGet();
            bytesDelivered.addAndGet(payloadBytes);
            delivery.run();
        });
        return true;
    }

    /** How long a datagram entering now would wait before it starts to leave. */
    public synchronized Duration queueingDelay() {
        return Duration.ofNanos(Math.max(0, busyUntil - scheduler.nanoTime()));
    }

    /** A snapshot of what the link has carried and dropped so far. */
    public LinkCounters counters() {
        Duration current = queueingDelay();
        long delivered = datagramsDelivered.get();
        long bytes = bytesDelivered.get();
        synchronized (this) {
            return new LinkCounters(name, office, direction, delivered, bytes,
                    bytes + delivered * IP_UDP_HEADER_BYTES, datagramsDropped, bytesDropped, current,
                    Duration.ofNanos(queuedNanosMax), Duration.ofNanos(admitted == 0 ? 0 : queuedNanosTotal / admitted));
        }
    }

    public String name() {
        return name;
    }

    public String office() {
        return office;
    }

    public LinkDirection direction() {
        return direction;
    }

    public LinkShape shape() {
        return shape;
    }

    /** The later of two monotonic times, which may wrap. */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return name;
    }
}
