package dev.cascade.topology.planner;

import java.util.List;

import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.topology.model.OfficeKind;

/**
 * The planner's answer (mapped to the {@code SourcePlan} message by the service).
 *
 * @param officeId      the requester's office
 * @param officeKind    its type (STANDARD, VPN, WIFI): what its peers may do with each other
 * @param sources       in order of preference
 * @param explanation   why these sources and why not the origin, in words for the admin
 * @param retryAfterMs  when to ask again (WAIT, BLOCKED); 0 for FETCH
 * @param rvp           the requester is its office's RVP for the content: it brings it in over the WAN
 * @param originUse     whether the origin is listed, and why
 */
public record Plan(String deviceId, String contentId, String officeId, OfficeKind officeKind, PlanAction action, List<Source> sources,
        String explanation, long retryAfterMs, boolean rvp, long topologyRevision, OriginUse originUse) {

    /** Whether a plan lists the origin, and why. */
    public enum OriginUse {
        /** No origin source. */
        NONE,
        /** The office allows direct CDN download: the origin comes first. */
        DIRECT_CDN,
        /** Nothing up the hierarchy holds or fetches the content. */
        FALLBACK
    }

    public Plan {
        sources = List.copyOf(sources);
        if (explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("every plan needs an explanation");
        }
    }

    /** Sources fetched over the WAN (background protocol or origin). */
    public boolean pullsOverWan() {
        return sources.stream().anyMatch(Source::overWan);
    }
}
