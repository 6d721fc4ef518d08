package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;

import java.time.Instant;
import java.util.List;

/**
 * Where one peer should get one content, in order, each source with its reason, and what to do now
 * (fetch, wait for the office's RVP, or blocked), with an explanation that answers "why this source,
 * and why not the origin" in an admin's words. Plain Java: the service hands it what metadata-service
 * knows ({@link PlanningFacts}) and the requester's office chain from its topology snapshot.
 *
 * <p>Deployment modes: peer-to-peer ({@link HierarchyPlanner}), proxy ({@link ProxyPlanner}, seed
 * 002), multicast ({@link MulticastPlanner}, seed 003). Stateless and deterministic: the same facts
 * give the same plan on every replica, so every peer of an office that asks is told the same RVP.
 */
public final class SourcePlanner {

    private final PlannerSettings settings;

    public SourcePlanner(PlannerSettings settings) {
        this.settings = settings;
    }

    public PlannerSettings settings() {
        return settings;
    }

    /**
     * @param facts what metadata-service knows: the requester, the content, its deployment, the candidates
     * @param chain the requester's office and its ancestors up to the central office
     * @throws UnknownPeerException        when there is no requester
     * @throws UnknownContentException     when there is no content
     * @throws ContentNotDeployedException when no deployment of the content targets the requester
     * @throws IllegalArgumentException    when the facts do not belong to the query or the chain does
     *                                     not start at the requester's office
     */
    public Plan plan(PlanQuery query, PlanningFacts facts, OfficeChain chain, Instant now) {
        if (facts.requester() == null) {
            throw UnknownPeerException.of(query.deviceId());
        }
        if (facts.content() == null) {
            throw UnknownContentException.of(query.contentId());
        }
        if (!facts.requester().deviceId().equals(query.deviceId())) {
            throw new IllegalArgumentException("the planning facts are about device " + facts.requester().deviceId()
                    + ", the question about " + query.deviceId());
        }
        if (!facts.content().contentId().equals(query.contentId())) {
            throw new IllegalArgumentException("the planning facts are about content " + facts.content().contentId()
                    + ", the question about " + query.contentId());
        }
        if (facts.deployment() == null || !facts.deployment().contentId().equals(query.contentId())) {
            throw ContentNotDeployedException.of(query.contentId(), query.deviceId());
        }
        if (!chain.home().id().equals(facts.requester().officeId())) {
            throw new IllegalArgumentException("the office chain starts at office " + chain.home().id() + ", but device "
                    + query.deviceId() + " is in office " + facts.requester().officeId());
        }
        PeerState requester = facts.requester().asking();
        PlanContext context = new PlanContext(query, requester, facts, chain, settings, now);
        if (requester.holdsAll(facts.content())) {
            return context.plan(PLAN_ACTION_FETCH, List.of(), "This device already holds every piece of " + facts.content().label()
                    + ": nothing to fetch.", false, Plan.OriginUse.NONE);
        }
        return switch (facts.deployment().mode()) {
            case DEPLOYMENT_MODE_PROXY -> ProxyPlanner.plan(context);
            case DEPLOYMENT_MODE_MULTICAST -> MulticastPlanner.plan(context);
            default -> HierarchyPlanner.plan(context, PeerFilter.ANY);
        };
    }
}
