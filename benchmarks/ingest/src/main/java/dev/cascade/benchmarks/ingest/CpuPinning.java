package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splits the machine's CPUs between the system under test and the load generator with
 * {@code taskset}: the gateway, the broker and the raw producer (each a JVM of its own, started
 * behind {@link #systemLauncher()}, so each JVM sizes itself for the CPUs it gets) on
 * {@link #systemCpus()}, this JVM (the load generator and its ACK receiver) on
 * {@link #generatorCpu()} (the last CPU). On a machine with one host this stands in for the
 * generator on another host: the gateway and Kafka's own producer then compete for the same CPUs
 * with the same broker, and the generator's sending, receiving, the loopback delivery it pays for
 * and its garbage collector stay off them.
 */
final class CpuPinning {

    private final int cpus;

    private CpuPinning(int cpus) {
        this.cpus = cpus;
    }

    /** The split for this machine; throws naming what is missing if it cannot be done. */
    static CpuPinning forThisMachine() {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            throw new IllegalStateException("--isolate-generator needs at least 2 CPUs; this JVM sees " + cpus);
        }
        CpuPinning pinning = new CpuPinning(cpus);
        pinning.taskset("-p", Long.toString(ProcessHandle.current().pid())); // only reads: is taskset there?
        return pinning;
    }

    String systemCpus() {
        return cpus == 2 ? "0" : "0-" + (cpus - 2);
    }

    String generatorCpu() {
        return Integer.toString(cpus - 1);
    }

    /** The command prefix that starts a process on the system CPUs only. */
    List<String> systemLauncher() {
        return List.of("taskset", "-c", systemCpus());
    }

    /** Every thread of {@code pid} (and every thread they start from now on) on the generator's CPU. */
    void pinToGenerator(long pid) {
        taskset("-a", "-p", "-c", generatorCpu(), Long.toString(pid));
    }

    private void taskset(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "taskset";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("--isolate-generator needs taskset (util-linux): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running taskset", e);
        }
    }
}
