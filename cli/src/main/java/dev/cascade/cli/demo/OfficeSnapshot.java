package dev.cascade.cli.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One office at one moment: the server's view (deployment progress by device state and pieces held, and the bytes by
 * source its devices reported in TRANSFER_REPORTs) beside the bytes the emulated WAN link carried into it.
 *
 * @param done           devices holding the whole verified package (installed, or cached on the seed)
 * @param bytesBySource  reported bytes by source class (SAME_OFFICE_PEER, PARENT_OFFICE_PEER, SEED, ORIGIN)
 * @param wanBytesIn     UDP payload bytes the office's link(s) delivered into it, as measured by the WAN emulation
 * @param completedAfter time from the deployment to the office's last device done; null while not done
 */
record OfficeSnapshot(DemoOffice office, long targeted, long done, long downloading, long paused, long failed,
                      long piecesHeld, int pieceCount, Map<String, Long> bytesBySource, long wanBytesIn,
                      Duration completedAfter) {

    static final String SAME_OFFICE = "SAME_OFFICE_PEER";
    static final String PARENT_OFFICE = "PARENT_OFFICE_PEER";
    static final String SEED = "SEED";
    static final String ORIGIN = "ORIGIN";

    OfficeSnapshot {
        bytesBySource = Map.copyOf(bytesBySource);
    }

    /** Share of the office's bytes that arrived (pieces held over pieces wanted), 0..1. */
    double fraction() {
        if (targeted == 0 || pieceCount == 0) {
            return 0;
        }
        return Math.min(1.0, (double) piecesHeld / ((double) targeted * pieceCount));
    }

    boolean complete() {
        return targeted > 0 && done == targeted;
    }

    long reported(String sourceClass) {
        return bytesBySource.getOrDefault(sourceClass, 0L);
    }

    /**
     * Every office of the scenario from the two documents metadata-service answers ({@code GET /deployments/{id}/progress}
     * and {@code GET /contents/{id}/statistics}); an office the server does not list yet has zeros.
     */
    static List<OfficeSnapshot> of(DemoScenario scenario, JsonNode progress, JsonNode statistics, Map<String, Long> wanBytesIn,
                                   Map<String, Duration> completedAfter) {
        int pieceCount = progress.path("pieceCount").asInt();
        Map<String, JsonNode> counts = new HashMap<>();
        for (JsonNode office : progress.path("offices")) {
            counts.put(office.path("officeId").asText(), office.path("counts"));
        }
        Map<String, Map<String, Long>> bytes = new HashMap<>();
        for (JsonNode office : statistics.path("offices")) {
            Map<String, Long> bySource = new HashMap<>();
            office.path("statistics").path("bytesBySource").fields()
                    .forEachRemaining(e -> bySource.put(e.getKey(), e.getValue().asLong()));
            bytes.put(office.path("officeId").asText(), bySource);
        }
        return scenario.offices().stream().map(office -> {
            JsonNode c = counts.getOrDefault(office.id(), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            return new OfficeSnapshot(office, c.path("targeted").asLong(), c.path("installed").asLong() + c.path("cached").asLong(),
                    c.path("downloading").asLong(), c.path("paused").asLong(), c.path("failed").asLong(),
                    c.path("piecesHeld").asLong(), pieceCount, bytes.getOrDefault(office.id(), Map.of()),
                    wanBytesIn.getOrDefault(office.id(), 0L), completedAfter.get(office.id()));
        }).toList();
    }
}
