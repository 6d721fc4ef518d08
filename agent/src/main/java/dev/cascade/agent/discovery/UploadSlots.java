package dev.cascade.agent.discovery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The uploads this agent serves at once. A transfer takes a slot for as long as it sends and gives
 * it back; when every slot is taken the agent is busy, and DISCOVER_REPLY says so, so that askers
 * try another holder first. Lock-free: the responder checks it for every answer.
 */
public final class UploadSlots {

    private final int capacity;
    private final AtomicInteger inUse = new AtomicInteger();

    /** {@code capacity} 0 means the agent never uploads: it is always busy. */
    public UploadSlots(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("upload slots must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes a slot if one is free. */
    public boolean tryAcquire() {
        while (true) {
            int now = inUse.get();
            if (now >= capacity) {
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot taken with {@link #tryAcquire()}. */
    public void release() {
        int after = inUse.decrementAndGet();
        if (after < 0) {
            inUse.incrementAndGet();
            throw new IllegalStateException("an upload slot was released that was not taken");
        }
    }

    /** True when every slot is taken. */
    public boolean busy() {
        return inUse.get() >= capacity;
    }

    public int inUse() {
        return inUse.get();
    }

    public int capacity() {
        return capacity;
    }
}
