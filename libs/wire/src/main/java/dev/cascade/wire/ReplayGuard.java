package dev.cascade.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One {@link ReplayWindow} per sender, bounded in count: the least recently heard sender is
 * forgotten first. A forgotten sender is still protected by the timestamp skew check, so the
 * bound trades memory for nothing but the replay of a datagram younger than the skew from a
 * sender not heard from since {@code maxSenders} others were.
 */
public final class ReplayGuard {

    private final Map<UUID, ReplayWindow> windows;

    public ReplayGuard(int maxSenders) {
        this.windows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, ReplayWindow> eldest) {
                return size() > maxSenders;
            }
        };
    }

    public synchronized boolean accept(UUID sender, long sequence) {
        return windows.computeIfAbsent(sender, s -> new ReplayWindow()).accept(sequence);
    }

    public synchronized int senders() {
        return windows.size();
    }
}
