package dev.cascade.agent.discovery;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.cascade.wire.DropReason;

/**
 * What a discovery socket saw: datagrams received, answers sent, and everything dropped by reason
 * (the wire checks' {@link DropReason}s and discovery's own {@link DiscoveryDrop}s). The agent has no
 * HTTP server, so these are read through getters and printed by the command that runs discovery.
 */
public final class DiscoveryCounters {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong answeredBytes = new AtomicLong();
    private volatile String lastFailure = "";
    private final Map<DropReason, AtomicLong> wireDrops = new EnumMap<>(DropReason.class);
    private final Map<DiscoveryDrop, AtomicLong> discoveryDrops = new EnumMap<>(DiscoveryDrop.class);

    public DiscoveryCounters() {
        for (DropReason reason : DropReason.values()) {
            wireDrops.put(reason, new AtomicLong());
        }
        for (DiscoveryDrop reason : DiscoveryDrop.values()) {
            discoveryDrops.put(reason, new AtomicLong());
        }
    }

    /**
     * The counters at one moment.
     *
     * @param receivedBytes the UDP payload bytes of every datagram received
     * @param answeredBytes the UDP payload bytes of every answer sent: over {@code receivedBytes}, the amplification
     * @param dropped by label ({@code bad_tag}, {@code replay}, {@code not_held}, ...), only those above 0
     */
    public record Snapshot(long received, long receivedBytes, long answered, long answeredBytes, Map<String, Long> dropped) {

        public long dropped(String label) {
            return dropped.getOrDefault(label, 0L);
        }

        /** One line: {@code received=5 received_bytes=700 answered=2 answered_bytes=400 dropped.bad_tag=1 ...}. */
        public String format() {
            StringBuilder line = new StringBuilder("received=").append(received).append(" received_bytes=")
                    .append(receivedBytes).append(" answered=").append(answered).append(" answered_bytes=").append(answeredBytes);
            dropped.forEach((label, count) -> line.append(" dropped.").append(label).append('=').append(count));
            return line.toString();
        }
    }

    void received(int bytes) {
        received.incrementAndGet();
        receivedBytes.addAndGet(bytes);
    }

    void answered(int bytes) {
        answered.incrementAndGet();
        answeredBytes.addAndGet(bytes);
    }

    /** An exception the receive loop survived: a bug, or the OS failing a receive. Kept for the operator. */
    void failed(String what) {
        lastFailure = what;
    }

    /** The last failure the receive loop survived; empty when there was none. */
    public String lastFailure() {
        return lastFailure;
    }

    void dropped(DropReason reason) {
        wireDrops.get(reason).incrementAndGet();
    }

    void dropped(DiscoveryDrop reason) {
        discoveryDrops.get(reason).incrementAndGet();
    }

    public long receivedCount() {
        return received.get();
    }

    public long answeredCount() {
        return answered.get();
    }

    public long droppedCount(DropReason reason) {
        return wireDrops.get(reason).get();
    }

    public long droppedCount(DiscoveryDrop reason) {
        return discoveryDrops.get(reason).get();
    }

    public Snapshot snapshot() {
        Map<String, Long> dropped = new TreeMap<>();
        wireDrops.forEach((reason, count) -> {
            if (count.get() > 0) {
                dropped.put(reason.label(), count.get());
            }
        });
        discoveryDrops.forEach((reason, count) -> {
            if (count.get() > 0) {
                dropped.put(reason.label(), count.get());
            }
        });
        return new Snapshot(received.get(), receivedBytes.get(), answered.get(), answeredBytes.get(),
                Collections.unmodifiableMap(dropped));
    }
}
