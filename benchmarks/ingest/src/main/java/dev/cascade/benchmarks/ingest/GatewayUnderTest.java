package dev.cascade.benchmarks.ingest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** The ingest side the benchmark loads: the Cascade gateway ({@link GatewayProcess}) or the floor ({@link FloorGateway}). */
interface GatewayUnderTest extends AutoCloseable {

    /** Waits until it takes REGISTERs, then returns the UDP address to send them to. */
    InetSocketAddress awaitReady(Duration timeout);

    /** CPU time (user + system, all threads) its process has used so far, in nanoseconds. */
    long cpuNanos();

    /** CPU time its JIT compiler threads have used so far, in nanoseconds. */
    long compilerCpuNanos();

    /** One counter of its Prometheus metrics, NaN where it has none. */
    double metric(String series);

    Path log();

    /** SIGTERM, then SIGKILL after a grace period. */
    @Override
    void close();
}
