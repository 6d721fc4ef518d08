package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether Kafka answers, from an Admin describeCluster that is cached for a few seconds and
 * refreshed in the background: a health probe never waits on Kafka longer than its own bound.
 */
public final class KafkaReachability implements AutoCloseable {

    /** The last probe's outcome. */
    public record Status(boolean reachable, String detail, long checkedAtNanos) {
    }

    private final Supplier<Admin> adminFactory;
    private final Duration cacheFor;
    private final Duration probeTimeout;
    private final LongSupplier nanoTime;
    private final AtomicReference<Status> latest = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Status>> inFlight = new AtomicReference<>();
    private Admin admin;

    public KafkaReachability(Supplier<Admin> adminFactory, Duration cacheFor, Duration probeTimeout, LongSupplier nanoTime) {
        this.adminFactory = adminFactory;
        this.cacheFor = cacheFor;
        this.probeTimeout = probeTimeout;
        this.nanoTime = nanoTime;
    }

    /**
     * The cached status, starting a refresh when it is older than the cache time. Before the first
     * probe finished, waits for it at most {@code maxWait}.
     */
    public Status current(Duration maxWait) {
        Status status = latest.get();
        if (status == null || nanoTime.getAsLong() - status.checkedAtNanos() > cacheFor.toNanos()) {
            CompletableFuture<Status> probe = refresh();
            if (status == null) {
                try {
                    return probe.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Status(false, "interrupted while waiting for the first Kafka probe", nanoTime.getAsLong());
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    return new Status(false, "no answer from Kafka yet", nanoTime.getAsLong());
                }
            }
        }
        return status;
    }

    /** Starts a probe unless one is running; returns the running one. */
    public CompletableFuture<Status> refresh() {
        CompletableFuture<Status> mine = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, mine)) {
            CompletableFuture<Status> running = inFlight.get();
            return running != null ? running : refresh();
        }
        try {
            adminClient().describeCluster(new DescribeClusterOptions().timeoutMs((int) probeTimeout.toMillis()))
                    .clusterId()
                    .whenComplete((clusterId, failure) -> finish(mine, failure == null
                            ? new Status(true, "cluster " + clusterId, nanoTime.getAsLong())
                            : new Status(false, "Kafka does not answer: " + failure.getMessage(), nanoTime.getAsLong())));
        } catch (RuntimeException e) { // e.g. no resolvable bootstrap address
            finish(mine, new Status(false, "cannot create a Kafka admin client: " + e.getMessage(), nanoTime.getAsLong()));
        }
        return mine;
    }

    private void finish(CompletableFuture<Status> probe, Status status) {
        latest.set(status);
        inFlight.set(null);
        probe.complete(status);
    }

    private synchronized Admin adminClient() {
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
