package dev.cascade.cli.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a deployment once a second until every office is done and every agent's TRANSFER_REPORT arrived, the time
 * limit passes, or an agent thread dies; records when each office became done.
 */
final class DeploymentWatch {

    /** How it ended: the last snapshot of every office, the time taken, and why it failed if it did. */
    record Outcome(List<OfficeSnapshot> offices, Duration elapsed, Optional<String> failure) {
    }

    /** After the last office is done, how long to wait for the transfer reports behind it. */
    private static final Duration REPORTS_GRACE = Duration.ofSeconds(20);

    private final DemoScenario scenario;
    private final DemoServer server;
    private final DemoNetwork network;
    private final String deploymentId;
    private final String contentId;
    private final Map<String, Duration> completedAfter = new HashMap<>();

    DeploymentWatch(DemoScenario scenario, DemoServer server, DemoNetwork network, String deploymentId, String contentId) {
        this.scenario = scenario;
        this.server = server;
        this.network = network;
        this.deploymentId = deploymentId;
        this.contentId = contentId;
    }

    Outcome follow(LiveView view, Duration timeout) {
        long start = System.nanoTime();
        Duration allDone = null;
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            JsonNode statistics = server.statistics(contentId);
            JsonNode progress = server.progress(deploymentId);
            Map<String, Long> wanIn = network.bytesIntoOffices();
            List<OfficeSnapshot> offices = OfficeSnapshot.of(scenario, progress, statistics, wanIn, completedAfter);
            for (OfficeSnapshot office : offices) {
                if (office.complete() && !completedAfter.containsKey(office.office().id())) {
                    completedAfter.put(office.office().id(), elapsed);
                }
            }
            offices = OfficeSnapshot.of(scenario, progress, statistics, wanIn, completedAfter);
            view.show(offices, elapsed);
            boolean done = offices.stream().allMatch(OfficeSnapshot::complete);
            if (done && allDone == null) {
                allDone = elapsed;
            }
            long reports = statistics.path("totals").path("completed").asLong();
            if (done && (reports >= scenario.agentCount() || elapsed.minus(allDone).compareTo(REPORTS_GRACE) > 0)) {
                return new Outcome(offices, allDone, Optional.empty());
            }
            if (!network.exited().isEmpty()) {
                return new Outcome(offices, elapsed, Optional.of("agents stopped during the deployment: " + network.exited()));
            }
            if (elapsed.compareTo(timeout) > 0) {
                String notDone = offices.stream().filter(o -> !o.complete()).map(o -> o.office().name() + " " + o.done() + "/"
                        + o.targeted() + " done (" + Math.round(o.fraction() * 100) + " % of its bytes)")
                        .reduce((a, b) -> a + ", " + b).orElse("");
                return new Outcome(offices, elapsed, Optional.of("not every office was done after " + timeout.toSeconds()
                        + " s: " + notDone));
            }
            DemoRun.sleep(1000);
        }
    }
}
