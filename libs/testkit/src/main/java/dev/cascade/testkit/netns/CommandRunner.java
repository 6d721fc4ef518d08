package dev.cascade.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (ip, tc, sysctl) to completion and captures its output. A command that
 * hangs is killed after a timeout: a lab must never hang a build.
 */
public final class CommandRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Where root's tools live when the test JVM's PATH lacks the sbin directories. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private CommandRunner() {
    }

    /** Runs {@code command}; a non-zero exit is a value, not an exception. */
    public static CommandResult run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new CommandResult(List.copyOf(command), 127, "cannot start: " + e.getMessage());
        }
        try {
            // short outputs only (ip, tc): reading to the end before waiting cannot deadlock
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(List.copyOf(command), 124, output + " (killed after " + TIMEOUT.toSeconds() + " s)");
            }
            return new CommandResult(List.copyOf(command), process.exitValue(), output);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CommandResult(List.copyOf(command), 130, "interrupted");
        }
    }

    /** Runs {@code command} and throws, naming the command and its output, when it fails. */
    public static String runOrThrow(List<String> command) {
        CommandResult result = run(command);
        if (!result.succeeded()) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code "
                    + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** The absolute path of {@code tool} on the PATH or in the usual sbin directories. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.stream.Stream.concat(java.util.Arrays.stream(path.split(java.io.File.pathSeparator)), SBIN.stream())
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
