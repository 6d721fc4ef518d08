package dev.cascade.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Quarkus service (its {@code quarkus-run.jar}) running as a child JVM, its output going to a log
 * file. Used by the local stack ({@code cascade local up}) and by the benchmark harnesses.
 */
public final class ServiceProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final String url;

    private ServiceProcess(String name, Process process, Path log, String url) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts {@code java <jvmOptions> -D<key>=<value>... -jar <jar>}, stdout and stderr to {@code log}.
     *
     * @param name what to call it in messages, e.g. "metadata-service"
     * @param url  its base URL once it listens, e.g. http://127.0.0.1:8082
     * @throws IllegalStateException naming the service when the JVM cannot be started
     */
    public static ServiceProcess launch(String name, Path jar, List<String> jvmOptions, Map<String, String> systemProperties,
                                        Path log, String url) {
        return launch(name, javaCommand(jvmOptions, systemProperties, List.of("-jar", jar.toString())), log, url);
    }

    /**
     * Starts {@code command} (e.g. {@link #javaCommand} behind {@code taskset -c 0}), stdout and
     * stderr to {@code log}; {@code url} may be empty for a process without HTTP.
     *
     * @throws IllegalStateException naming the process when it cannot be started
     */
    public static ServiceProcess launch(String name, List<String> command, Path log, String url) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new ServiceProcess(name, process, log, url);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code java <jvmOptions> -D<key>=<value>... <target>} with this JVM's {@code java}; {@code target}
     * is {@code -jar <jar>} or {@code -cp <classpath> <main class> <arguments>}.
     */
    public static List<String> javaCommand(List<String> jvmOptions, Map<String, String> systemProperties,
                                           List<String> target) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(target);
        return command;
    }

    /** Waits at most {@code timeout} for the process to end; true if it did. */
    public boolean awaitExit(java.time.Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time (user + system, all threads) the process has used so far, in nanoseconds. */
    public long cpuNanos() {
        return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("this OS does not report the CPU time of " + name))
                .toNanos();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** The last {@code lines} lines of its log, to show why it failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code graceSeconds}. Children die with it. */
    public void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP port free right now, for a child's HTTP server (or for a client that must find nobody there). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }
}
