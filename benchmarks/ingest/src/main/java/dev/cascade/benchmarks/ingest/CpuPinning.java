package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Splits the machine's CPUs between the system under test and the load generator with
 * {@code taskset}: the gateway, the broker and the raw producer on {@link #systemCpus()}, the
 * generator's threads on {@link #generatorCpu()} (the last CPU). On a machine with one host this
 * stands in for the generator on another host: the gateway and Kafka's own producer then compete
 * for the same CPUs with the same broker, and the generator's sending, receiving and the loopback
 * delivery it pays for stay off them. Threads inherit the CPUs of the thread that starts them, so
 * pinning a process and then a thread pins everything either starts later.
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

    /** Every thread of {@code pid} on the system CPUs. */
    void pinToSystem(long pid) {
        taskset("-a", "-p", "-c", systemCpus(), Long.toString(pid));
    }

    /** The calling thread (and the threads it starts from now on) on the generator's CPU. */
    void pinCurrentThreadToGenerator() {
        taskset("-p", "-c", generatorCpu(), Long.toString(currentThreadId()));
    }

    /** The kernel's id of the calling thread: {@code /proc/thread-self} links to {@code <pid>/task/<tid>}. */
    private static long currentThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read this thread's id from /proc/thread-self: " + e.getMessage(), e);
        }
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
