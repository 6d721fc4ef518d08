package dev.cascade.gateway.large;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.cascade.gateway.metrics.GatewayMetrics;

/**
 * Calls {@link FragmentReassembly#tick} on its own thread at a fixed delay: progress acks are due when
 * a message got no fragment for the ack delay, which no receive thread would notice while its port is quiet.
 */
public final class ReassemblyTimer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReassemblyTimer.class);

    private final FragmentReassembly reassembly;
    private final Duration interval;
    private final GatewayMetrics metrics;
    private ScheduledExecutorService executor;

    public ReassemblyTimer(FragmentReassembly reassembly, Duration interval, GatewayMetrics metrics) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("cascade.gateway.reassembly.tick-interval must be positive, was " + interval);
        }
        this.reassembly = reassembly;
        this.interval = interval;
        this.metrics = metrics;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-reassembly-timer");
            thread.setDaemon(true);
            return thread;
        });
        long micros = interval.toNanos() / 1000;
        executor.scheduleWithFixedDelay(this::tick, micros, micros, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        try {
            reassembly.tick();
        } catch (RuntimeException e) { // an escaping exception would cancel every later tick
            metrics.internalError();
            LOG.error("reassembly tick failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
