package dev.cascade.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;

/**
 * Plans one content for one office the way topology-service's planner does when the content enters the office once,
 * through its RVP (architecture.md, "The source planner", rule 4): the first agent to ask is the RVP and FETCHes from
 * the seed and the other agents; every other agent WAITs with the other agents of the office as its sources (it copies
 * what they hold, NOT_HELD for the rest, and asks again), never the seed. Peers the requester avoids are left out;
 * {@code first}, when given, comes before every other source (a holder claiming every piece, e.g. a corrupting one).
 */
final class OfficeRvpPlanner implements PlanningServer.Planner {

    private final String contentId;
    private final LanAgent seed;
    private final List<LanAgent> agents;
    private final Optional<PlannedSource> first;
    private final int retryAfterMs;
    private UUID rvp;

    OfficeRvpPlanner(String contentId, LanAgent seed, List<LanAgent> agents, Optional<PlannedSource> first,
                     int retryAfterMs) {
        this.contentId = contentId;
        this.seed = seed;
        this.agents = List.copyOf(agents);
        this.first = first;
        this.retryAfterMs = retryAfterMs;
    }

    @Override
    public synchronized SourcePlan plan(UUID device, PlanRequest request, int nth) {
        if (!request.getContentId().equals(contentId)) {
            return null;
        }
        if (rvp == null) {
            rvp = device;
        }
        boolean isRvp = rvp.equals(device);
        List<PlannedSource> sources = new ArrayList<>();
        first.ifPresent(sources::add);
        if (isRvp) {
            sources.add(seed.source(SourceClass.SOURCE_CLASS_SEED));
        }
        // each agent gets the others in its own rotation, so that they do not all ask the same peer first
        int me = 0;
        for (int i = 0; i < agents.size(); i++) {
            me = agents.get(i).id.equals(device) ? i : me;
        }
        for (int i = 1; i < agents.size(); i++) {
            sources.add(agents.get((me + i) % agents.size()).source(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER));
        }
        sources.removeIf(s -> request.getAvoidDeviceIdsList().contains(s.getDeviceId()));
        SourcePlan.Builder plan = SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(contentId)
                .addAllSources(sources).setRvp(isRvp);
        return isRvp
                ? plan.setAction(PlanAction.PLAN_ACTION_FETCH).setExplanation("RVP: from the seed and the office").build()
                : plan.setAction(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(retryAfterMs)
                        .setExplanation("the RVP brings it in; copy from the office's holders meanwhile").build();
    }

    /** The agent elected RVP, if any asked yet. */
    synchronized Optional<UUID> rvp() {
        return Optional.ofNullable(rvp);
    }
}
