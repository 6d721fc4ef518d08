package dev.cascade.cli.demo.netns;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Agents as JVMs of their own ({@code cascade-agent.jar}), each started inside its host's network namespace with
 * {@code ip netns exec} (which executes the JVM in its own process: a signal to it reaches the agent itself), output
 * to its log file. Stopping sends SIGTERM to all at once, so they close their caches and journals in parallel, and
 * waits; what is still alive after the grace period is killed.
 */
public final class AgentJvms implements AutoCloseable {

    /**
     * Per agent JVM on a small machine (measured: docs/benchmarks.md, "cascade demo --netns"): a heap large enough for a
     * seed serving every office, the serial collector (no GC threads per JVM), and C1 only: most of an agent JVM's CPU
     * here is its start-up, where C2 compiles without paying back (17 % less CPU and memory than the full JIT).
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xshare:auto");
    private static final int GRACE_SECONDS = 25;
    private static final Duration GRACE = Duration.ofSeconds(GRACE_SECONDS);

    private final String ip;
    private final Path java;
    private final Path agentJar;
    private final List<String> jvmOptions;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private boolean stopping;

    /**
     * @param ip       the {@code ip} command (iproute2)
     * @param agentJar the agent's runnable jar
     */
    public AgentJvms(String ip, Path java, Path agentJar, List<String> jvmOptions) {
        this.ip = ip;
        this.java = java;
        this.agentJar = agentJar;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts agent {@code name} in {@code namespace} with {@code args}; stdout and stderr go to {@code log}. */
    public synchronized void start(String name, String namespace, List<String> args, Path log) {
        if (stopping) {
            throw new IllegalStateException("the agents are stopping: cannot start " + name);
        }
        List<String> command = new ArrayList<>(List.of(ip, "netns", "exec", namespace, java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", agentJar.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            processes.put(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start agent " + name + " in namespace " + namespace + ": " + e.getMessage(), e);
        }
    }

    /** Agents that ended on their own (before {@link #close}), with their exit codes. */
    public synchronized Map<String, Integer> exited() {
        Map<String, Integer> ended = new LinkedHashMap<>();
        if (!stopping) {
            processes.forEach((name, process) -> {
                if (!process.isAlive()) {
                    ended.put(name, process.exitValue());
                }
            });
        }
        return ended;
    }

    /**
     * SIGTERM to every agent, then waits up to {@value #GRACE_SECONDS} s for all of them; kills what is left.
     *
     * @return the agents that had to be killed
     */
    public List<String> stop() {
        List<String> killed = new ArrayList<>();
        Map<String, Process> all;
        synchronized (this) {
            stopping = true;
            all = new LinkedHashMap<>(processes);
        }
        all.values().forEach(p -> p.toHandle().destroy());
        long deadline = System.nanoTime() + GRACE.toNanos();
        boolean interrupted = false;
        for (Map.Entry<String, Process> agent : all.entrySet()) {
            Process process = agent.getValue();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!interrupted && process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                interrupted = true; // still kill the rest: a shutdown hook must not leave JVMs behind
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                killed.add(agent.getKey());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return killed;
    }

    @Override
    public void close() {
        stop();
    }
}
