package dev.cascade.topology.planner;

import java.util.List;

/**
 * What metadata-service knows for one (peer, content): the requester, the content, its deployment to
 * the requester, and the candidate sources (active peers of the requester's office and its ancestors
 * with their holdings of the content, the requester excluded).
 *
 * @param content    null when the catalog does not know it
 * @param deployment null when the content is not deployed to the requester
 */
public record PlanningFacts(PeerState requester, ContentInfo content, DeploymentInfo deployment, List<PeerState> candidates) {

    public PlanningFacts {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
