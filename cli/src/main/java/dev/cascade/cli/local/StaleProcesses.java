package dev.cascade.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pid file of a running local stack: the pid of the `cascade local up` that owns the data
 * directory, then the pids of its services. If that owner is still alive, the data directory is in
 * use and a second stack must not start on it. If the owner died without its Ctrl-C handler running
 * (kill -9, a crashed terminal), its services may still run: they are stopped before a new stack
 * starts, so no stray process outlives a run for long.
 */
final class StaleProcesses {

    private static final String SERVICE_MARKER = "embedded-app/quarkus-run.jar";
    private static final String OWNER_PREFIX = "owner=";
    private final Path pidFile;

    StaleProcesses(Path pidFile) {
        this.pidFile = pidFile;
    }

    /**
     * Refuses if a live stack owns this data directory; otherwise stops the services a dead one left
     * running and returns how many.
     */
    int stopLeftovers() {
        if (!Files.exists(pidFile)) {
            return 0;
        }
        List<Long> services = new ArrayList<>();
        long owner = -1;
        try {
            for (String line : Files.readAllLines(pidFile)) {
                String text = line.trim();
                if (text.startsWith(OWNER_PREFIX)) {
                    owner = Long.parseLong(text.substring(OWNER_PREFIX.length()));
                } else if (!text.isEmpty()) {
                    services.add(Long.parseLong(text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        } catch (NumberFormatException e) {
            throw new LocalStackException(pidFile + " is not a list of process ids; delete it and start again");
        }
        Optional<ProcessHandle> ownerProcess = owner > 0 ? ProcessHandle.of(owner) : Optional.empty();
        if (owner != ProcessHandle.current().pid() && ownerProcess.filter(ProcessHandle::isAlive).isPresent()) {
            throw new LocalStackException("another `cascade local up` (pid " + owner + ") is running on data directory "
                    + pidFile.getParent().getParent() + ". Stop it first, or use another --data-dir and other ports.");
        }
        int stopped = 0;
        for (long pid : services) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().isAlive()
                    && handle.get().info().commandLine().orElse("").contains(SERVICE_MARKER)) {
                stop(handle.get());
                stopped++;
            }
        }
        clear();
        return stopped;
    }

    void record(Collection<Long> servicePids) {
        List<String> lines = new ArrayList<>();
        lines.add(OWNER_PREFIX + ProcessHandle.current().pid());
        servicePids.forEach(pid -> lines.add(String.valueOf(pid)));
        try {
            Files.createDirectories(pidFile.getParent());
            Files.write(pidFile, lines);
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

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
