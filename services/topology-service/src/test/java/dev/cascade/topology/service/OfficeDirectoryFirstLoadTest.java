package dev.cascade.topology.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.cascade.topology.model.Topology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Quarkus starts messaging and the scheduler before the StartupEvent observer that loads the first
 * snapshot: a plan request or a refresh that comes first must wait for it, not fail.
 */
class OfficeDirectoryFirstLoadTest {

    private static OfficeDirectory created() {
        OfficeDirectory directory = new OfficeDirectory();
        directory.registry = new SimpleMeterRegistry();
        directory.init(); // what CDI calls at creation
        return directory;
    }

    @Test
    void aResolutionBeforeTheFirstSnapshotWaitsForItAndUsesIt() throws Exception {
        OfficeDirectory directory = created();

        CompletableFuture<Resolution> early = CompletableFuture.supplyAsync(() -> directory.resolve("10.1.2.3"));
        CompletableFuture<OfficeDirectory.BatchResolution> batch = CompletableFuture.supplyAsync(
                () -> directory.resolveAll(List.of("10.9.9.9", "not-an-address")));
        Thread.sleep(300);
        assertThat(early).as("a resolution before any snapshot").isNotDone();
        assertThat(batch).isNotDone();

        directory.install(4, Topology.initial());

        Resolution resolution = early.get(10, TimeUnit.SECONDS);
        assertThat(resolution.office().officeId()).isEqualTo(Topology.CENTRAL_ID);
        assertThat(resolution.topologyRevision()).isEqualTo(4);
        OfficeDirectory.BatchResolution answers = batch.get(10, TimeUnit.SECONDS);
        assertThat(answers.topologyRevision()).isEqualTo(4);
        assertThat(answers.answers().get(1).error()).contains("not-an-address");
        assertThat(directory.revision()).isEqualTo(4);
        assertThat(directory.registry.get("cascade_topology_resolutions_total").tag("result", "central").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void theRefreshJobBeforeTheFirstSnapshotLeavesTheLoadingToTheStart() {
        OfficeDirectory directory = created();

        directory.catchUp(); // would read the stored revision and compare it with a snapshot that is not there yet

        directory.install(1, Topology.initial());
        assertThat(directory.snapshot().revision()).isEqualTo(1);
    }
}
