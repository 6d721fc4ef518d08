package dev.cascade.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes stand in for a previous stack's owner and services. */
class StaleProcessesTest {

    @TempDir
    Path data;

    @Test
    void refusesADataDirectoryOwnedByALiveStackAndLeavesItsServicesRunning() throws Exception {
        Process owner = sleeper("owner");
        Process service = sleeper("embedded-app/quarkus-run.jar");
        try {
            Path pids = data.resolve("run/local-stack.pids");
            Files.createDirectories(pids.getParent());
            Files.write(pids, List.of("owner=" + owner.pid(), String.valueOf(service.pid())));

            assertThatThrownBy(() -> new StaleProcesses(pids).stopLeftovers())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("pid " + owner.pid());
            assertThat(service.isAlive()).isTrue();
            assertThat(pids).exists();
        } finally {
            owner.destroyForcibly();
            service.destroyForcibly();
        }
    }

    @Test
    void stopsTheServicesADeadOwnerLeftButNoUnrelatedProcess() throws Exception {
        Process deadOwner = sleeper("owner");
        deadOwner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Process leftover = sleeper("embedded-app/quarkus-run.jar");
        Process unrelated = sleeper("something-else");
        try {
            Path pids = data.resolve("run/local-stack.pids");
            Files.createDirectories(pids.getParent());
            Files.write(pids, List.of("owner=" + deadOwner.pid(), String.valueOf(leftover.pid()), String.valueOf(unrelated.pid())));

            assertThat(new StaleProcesses(pids).stopLeftovers()).isEqualTo(1);
            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(pids).doesNotExist();
        } finally {
            leftover.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }

    /** A process whose command line contains {@code marker}. */
    private static Process sleeper(String marker) throws Exception {
        return new ProcessBuilder("sh", "-c", "sleep 60; : " + marker).start();
    }
}
