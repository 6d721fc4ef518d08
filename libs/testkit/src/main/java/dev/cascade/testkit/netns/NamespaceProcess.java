package dev.cascade.testkit.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A process started inside a network namespace, its output (stdout and stderr together) read line by
 * line as it comes, so a test can wait for a line that says the process is ready instead of sleeping.
 * Closing it kills it and its descendants.
 */
public final class NamespaceProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    NamespaceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::readLines, "output-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("(output of " + name + " unreadable: " + e.getMessage() + ")");
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Every line so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every line so far, one per line: for failure messages. */
    public String output() {
        return String.join(System.lineSeparator(), lines());
    }

    /** The first line so far matching {@code pattern} (found anywhere in the line), if any. */
    public synchronized Optional<String> line(Pattern pattern) {
        return lines.stream().filter(l -> pattern.matcher(l).find()).findFirst();
    }

    /**
     * Waits until a line matches {@code pattern} (anywhere in the line) and returns it. Fails, naming the
     * process and showing its output, when the process ends first or {@code timeout} passes.
     */
    public String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        return awaitLine(l -> pattern.matcher(l).find(), "a line matching /" + pattern + "/", timeout);
    }

    /** As {@link #awaitLine(Pattern, Duration)} for any condition on a line; {@code what} describes it. */
    public synchronized String awaitLine(Predicate<String> condition, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (condition.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            if (ended) {
                throw new IllegalStateException(name + " ended (" + exitText() + ") before printing " + what
                        + "; its output:" + System.lineSeparator() + String.join(System.lineSeparator(), lines));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(name + " printed no " + what + " within " + timeout.toMillis()
                        + " ms; its output:" + System.lineSeparator() + String.join(System.lineSeparator(), lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private String exitText() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit code unknown";
        }
    }

    /** Waits for the process to end by itself and returns its exit code, after its output was read to the end. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not end within " + timeout.toMillis() + " ms; its output:"
                    + System.lineSeparator() + output());
        }
        reader.join(GRACE.toMillis());
        return process.exitValue();
    }

    /**
     * Ends it: SIGTERM, then SIGKILL after a grace period. Descendants too. What it prints while it
     * stops (a shutdown hook's last words) is still read.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            // through the handle: Process.destroy() would also close our end of its output, losing its last lines
            process.toHandle().destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
