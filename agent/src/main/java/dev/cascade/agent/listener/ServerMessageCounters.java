package dev.cascade.agent.listener;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent's small-message port saw: datagrams received, ACKs and REJECTs sent (a send that failed is
 * also counted as {@code send_failed}), and everything dropped
 * or ignored, by label: the wire checks' {@code DropReason} labels ({@code bad_tag}, {@code replay}, ...) and the
 * listener's own ({@code unwrap_failed}, {@code not_newer}, {@code key_conflict}, {@code store_failed},
 * {@code send_failed}, {@code failed}). The agent has no HTTP server, so these are read through getters (tests)
 * and printed when the agent stops.
 */
public final class ServerMessageCounters {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    void received() {
        received.incrementAndGet();
    }

    void acked() {
        acked.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    void dropped(String label) {
        dropped.computeIfAbsent(label, l -> new AtomicLong()).incrementAndGet();
    }

    public long receivedCount() {
        return received.get();
    }

    public long ackedCount() {
        return acked.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long droppedCount(String label) {
        AtomicLong count = dropped.get(label);
        return count == null ? 0 : count.get();
    }

    /** One line: {@code received=3 acked=2 rejected=0 dropped.bad_tag=1}. */
    public String format() {
        StringBuilder line = new StringBuilder("received=").append(received.get()).append(" acked=").append(acked.get())
                .append(" rejected=").append(rejected.get());
        new TreeMap<>(dropped).forEach((label, count) -> line.append(" dropped.").append(label).append('=').append(count.get()));
        return line.toString();
    }
}
