package dev.cascade.agent.follow;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.cascade.wire.transfer.FetchProgress;

/**
 * INVENTORY_REPORTs while a fetch runs, so that the planner sees a device's pieces as they arrive (and lists it as
 * a source for its office) rather than after the fetch: at most one per {@code interval}, sent off the fetch's thread
 * (a report waits for its ACK), never two at once; a piece accepted while one is under way is in the next.
 */
final class ProgressReports implements FetchProgress {

    private final String contentId;
    private final InventoryReporter inventory;
    private final Supplier<InventoryReporter.Status> status;
    private final long intervalNanos;
    private final Predicate<Boolean> wanBusy;
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile long lastNanos = System.nanoTime();
    private volatile Thread running;

    /**
     * @param wanBusy told when a background fetch finds the WAN busy or free again (protocol.md §18.5); true when the
     *                content's state changed and is to be reported at once
     */
    ProgressReports(String contentId, InventoryReporter inventory, Supplier<InventoryReporter.Status> status,
                    Duration interval, Predicate<Boolean> wanBusy) {
        this.contentId = contentId;
        this.inventory = inventory;
        this.status = status;
        this.intervalNanos = interval.toNanos();
        this.wanBusy = wanBusy;
    }

    @Override
    public void wanBusy(UUID source, boolean busy) {
        if (wanBusy.test(busy)) {
            lastNanos = System.nanoTime() - intervalNanos; // due now
            report();
        }
    }

    @Override
    public void pieceAccepted(int piece, UUID source, int held, int total) {
        if (held < total) { // the last piece is reported by the job itself, with the content's new state
            report();
        }
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos || !sending.compareAndSet(false, true)) {
            return; // a state change while a report is under way: the next report carries it
        }
        lastNanos = now;
        Thread report = new Thread(() -> {
            try {
                inventory.report(contentId, status.get());
            } finally {
                sending.set(false);
            }
        }, "progress-report-" + contentId);
        report.setDaemon(true);
        running = report;
        report.start();
    }

    /**
     * Waits for a report under way, so that the job's own report of the fetch's end is the last one sent (a progress
     * report sent after it would carry an older state with a newer report sequence).
     */
    void awaitIdle() throws InterruptedException {
        Thread report = running;
        if (report != null) {
            report.join();
        }
    }
}
