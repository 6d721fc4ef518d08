package dev.cascade.cli.demo.wan;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The real-time {@link WanScheduler}: one daemon thread for every link of a topology, sleeping until the next
 * datagram is due. One thread rather than one per link keeps the emulation cheap beside the demo's agents on a small
 * machine; each wake-up runs every task that is due. Tasks are ordered by due time, then by when they were scheduled.
 */
public final class WanTimer implements WanScheduler, AutoCloseable {

    private record Task(long at, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at - b.at, 0) : Long.compare(a.order, b.order));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private long order;
    private boolean closed;

    /** Starts the timer thread ({@code wan-timer}). */
    public WanTimer() {
        thread = new Thread(this::run, "wan-timer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(long atNanos, Runnable task) {
        lock.lock();
        try {
            if (closed) {
                return; // a datagram still in flight when the emulation stops is lost, as on a link pulled out
            }
            Task added = new Task(atNanos, order++, task);
            tasks.add(added);
            if (tasks.peek() == added) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tasks that threw; each is counted and the timer goes on with the next. */
    public long failures() {
        return failures.get();
    }

    /** The first exception a task threw, or null. */
    public RuntimeException firstFailure() {
        return firstFailure.get();
    }

    private void run() {
        List<Task> due = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (!closed && (tasks.isEmpty() || tasks.peek().at - System.nanoTime() > 0)) {
                    if (tasks.isEmpty()) {
                        changed.await();
                    } else {
                        changed.awaitNanos(tasks.peek().at - System.nanoTime());
                    }
                }
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                while (!tasks.isEmpty() && tasks.peek().at - now <= 0) {
                    due.add(tasks.poll());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            for (Task task : due) {
                runOne(task);
            }
            due.clear();
        }
    }

    private void runOne(Task task) {
        try {
            task.action.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    /** Stops the thread; tasks not yet due are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            tasks.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
