package dev.cascade.topology.planner;

import java.util.List;

/**
 * Where the content comes from into the requester's office when no peer of the office holds it all:
 * the nearest office up the chain whose peers hold pieces, or the nearest one bringing it in, or the
 * origin, or nowhere.
 */
sealed interface UpstreamRoute {

    /** Peers of the office {@code level} steps up hold pieces. */
    record Holders(int level, List<PeerState> peers) implements UpstreamRoute {
    }

    /** Nobody holds it between here and {@code level}, whose RVP is bringing it in. */
    record WaitFor(int level, RvpElection.Elected rvp) implements UpstreamRoute {
    }

    /** No office up the chain holds or fetches it, the seed lacks it: the origin. */
    record Origin() implements UpstreamRoute {
    }

    /** As {@link Origin}, but the content has no origin URL. */
    record Nowhere() implements UpstreamRoute {
    }

    /**
     * Walks up from the parent. An office is skipped when it is a VPN office (its peers do not
     * share), when every holder it has is one the requester avoids, and, for waiting, when it is
     * metered (its peers never pull over the WAN) or nobody there can bring the content in. Right after a
     * deployment ({@link PlanContext#countsUntold()}) an office whose targeted peers have not asked yet
     * is one to wait for: otherwise a sub-office that asks first pulls the content through that office's
     * link, and the office pulls it again when its own peers ask.
     */
    static UpstreamRoute find(PlanContext context, PeerFilter filter) {
        for (int level = 1; level < context.levels(); level++) {
            OfficeCrowd crowd = context.crowd(level);
            if (!crowd.office().shares()) {
                continue;
            }
            List<PeerState> holders = crowd.holders(filter.source());
            if (!holders.isEmpty()) {
                List<PeerState> usable = holders.stream().filter(context::mayServe).toList();
                if (!usable.isEmpty()) {
                    return new Holders(level, usable);
                }
                continue;
            }
            if (!crowd.office().metered()) {
                var rvp = crowd.rvp(context.content, context::isSeed, filter.electable(), context.countsUntold());
                if (rvp.isPresent()) {
                    return new WaitFor(level, rvp.get());
                }
            }
        }
        return context.content.hasOrigin() ? new Origin() : new Nowhere();
    }
}
