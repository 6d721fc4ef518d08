package dev.cascade.wire.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A holder's upload slots: one per requester being served. A requester keeps its slot while it keeps asking;
 * a slot not used for the idle timeout is free again, so a requester that went away (or finished) needs no
 * goodbye. Synchronised: the receive loop takes slots, anyone may ask whether all are taken.
 */
final class UploadSlots {

    private final int capacity;
    private final long idleNanos;
    private final Map<UUID, Long> lastUse = new HashMap<>();

    UploadSlots(int capacity, long idleNanos) {
        if (capacity < 1 || idleNanos < 1) {
            throw new IllegalArgumentException("upload slots and their idle timeout must be positive, were " + capacity
                    + " and " + idleNanos + " ns");
        }
        this.capacity = capacity;
        this.idleNanos = idleNanos;
    }

    /** Gives {@code requester} its slot (or renews it); false when every slot is held by another requester. */
    synchronized boolean acquire(UUID requester, long nowNanos) {
        if (lastUse.containsKey(requester)) {
            lastUse.put(requester, nowNanos);
            return true;
        }
        expire(nowNanos);
        if (lastUse.size() >= capacity) {
            return false;
        }
        lastUse.put(requester, nowNanos);
        return true;
    }

    synchronized int inUse(long nowNanos) {
        expire(nowNanos);
        return lastUse.size();
    }

    synchronized boolean full(long nowNanos) {
        return inUse(nowNanos) >= capacity;
    }

    private void expire(long nowNanos) {
        lastUse.values().removeIf(last -> nowNanos - last >= idleNanos);
    }
}
