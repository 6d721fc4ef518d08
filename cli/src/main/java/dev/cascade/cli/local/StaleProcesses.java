package dev.cascade.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pid file of a running local stack. If a previous `cascade local up` was killed without its
 * Ctrl-C handler running (kill -9, a crashed terminal), its services are still running: they are
 * found here and stopped before a new stack starts, so no stray process outlives a run for long.
 */
final class StaleProcesses {

    private static final String MARKER = "embedded-app/quarkus-run.jar";
    private final Path pidFile;

    StaleProcesses(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** Stops services left by a previous run of this data directory; returns how many. */
    int stopLeftovers() {
        if (!Files.exists(pidFile)) {
            return 0;
        }
        int stopped = 0;
        try {
            for (String line : Files.readAllLines(pidFile)) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.trim()));
                if (handle.isPresent() && handle.get().isAlive()
                        && handle.get().info().commandLine().orElse("").contains(MARKER)) {
                    handle.get().destroy();
                    handle.get().onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> {
                                handle.get().destroyForcibly();
                                return null;
                            }).join();
                    stopped++;
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        } catch (NumberFormatException e) {
            throw new LocalStackException(pidFile + " is not a list of process ids; delete it and start again");
        }
        return stopped;
    }

    void record(Collection<Long> pids) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.write(pidFile, pids.stream().map(String::valueOf).collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pidFile, e);
        }
    }
}
