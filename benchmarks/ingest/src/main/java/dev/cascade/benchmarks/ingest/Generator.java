package dev.cascade.benchmarks.ingest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The thread the load generator runs on (with the ACK receiver it starts). With {@link CpuPinning}
 * this whole JVM runs on the generator's CPU; the broker, the gateway and the raw producer are
 * started elsewhere ({@link #launcher()}).
 */
final class Generator implements AutoCloseable {

    private final Optional<CpuPinning> pinning;
    private final ExecutorService thread;

    private Generator(Optional<CpuPinning> pinning) {
        this.pinning = pinning;
        this.thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "load-generator"));
    }

    static Generator start(Optional<CpuPinning> pinning) {
        pinning.ifPresent(p -> p.pinToGenerator(ProcessHandle.current().pid()));
        return new Generator(pinning);
    }

    Optional<CpuPinning> pinning() {
        return pinning;
    }

    /** The command prefix for the broker, the gateway and the raw producer: the system CPUs, or nothing. */
    List<String> launcher() {
        return pinning.map(CpuPinning::systemLauncher).orElse(List.of());
    }

    String describe() {
        return pinning.map(p -> "gateway, broker and raw producer on CPU " + p.systemCpus() + ", load generator on CPU "
                + p.generatorCpu() + " (taskset)").orElse("not pinned: gateway, broker, raw producer and load generator "
                + "share every CPU");
    }

    <T> T run(Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
