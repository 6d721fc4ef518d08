package dev.cascade.cli.demo.wan;

import java.util.PriorityQueue;

/** A {@link WanScheduler} whose clock moves only when the test says: tasks run in due order as it advances. */
final class ManualScheduler implements WanScheduler {

    private record Task(long at, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : Long.compare(a.order, b.order));
    private long now;
    private long order;

    ManualScheduler(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void schedule(long atNanos, Runnable task) {
        tasks.add(new Task(atNanos, order++, task));
    }

    /** Runs every task due up to {@code time} (each at its own due time), then sets the clock to {@code time}. */
    void advanceTo(long time) {
        while (!tasks.isEmpty() && tasks.peek().at <= time) {
            Task task = tasks.poll();
            now = Math.max(now, task.at);
            task.action.run();
        }
        now = Math.max(now, time);
    }

    void advanceBy(long nanos) {
        advanceTo(now + nanos);
    }

    /** Runs every task, however far ahead. */
    void runAll() {
        while (!tasks.isEmpty()) {
            advanceTo(tasks.peek().at);
        }
    }

    int pending() {
        return tasks.size();
    }
}
