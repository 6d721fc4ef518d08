package dev.cascade.benchmarks.ingest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import dev.cascade.testkit.ServiceProcess;

/**
 * The ingest side the benchmark loads, a child JVM: the Cascade gateway ({@link GatewayProcess}) or
 * the floor ({@link FloorGateway}).
 */
abstract class GatewayUnderTest implements AutoCloseable {

    protected final ServiceProcess process;

    protected GatewayUnderTest(ServiceProcess process) {
        this.process = process;
    }

    /** Waits until it takes REGISTERs, then returns the UDP address to send them to. */
    abstract InetSocketAddress awaitReady(Duration timeout);

    /** One counter of its Prometheus metrics, NaN where it has none. */
    abstract double metric(String series);

    /** CPU time (user + system, all threads) its process has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.cpuNanos();
    }

    /** CPU time its JIT compiler threads have used so far, in nanoseconds. */
    long compilerCpuNanos() {
        return ChildJvms.compilerCpuNanos(process.pid());
    }

    Path log() {
        return process.log();
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.stop(30);
    }
}
