package dev.cascade.cli.simulate;

import java.util.List;

import dev.cascade.contracts.v1.PlanAction;

/**
 * What a device does with one plan: copy from the plan's peers of its own office (and, in offices that broadcast, the
 * holders its subnet answers with), then, for pieces none of those holds, from the plan's peers up the hierarchy (WAN),
 * then from the origin if the plan names it. It lasts while a source can give it something or is gaining pieces; it
 * ends when the device holds everything, or after {@link DeviceFollower#GROWTH_WAIT_S} with nothing to fetch and no
 * source gaining pieces (the agent's {@code growthWait}).
 */
final class FetchRound {

    final PlanAction action;
    final List<FleetDevice> lan;
    final List<FleetDevice> wan;
    final boolean origin;
    /** The plan's retry-after (WAIT, BLOCKED). */
    final long retryAfterMs;
    /** Pieces this round brought. */
    int copied;

    FetchRound(PlanAction action, List<FleetDevice> lan, List<FleetDevice> wan, boolean origin, long retryAfterMs) {
        this.action = action;
        this.lan = List.copyOf(lan);
        this.wan = List.copyOf(wan);
        this.origin = origin;
        this.retryAfterMs = retryAfterMs;
    }

    boolean anySourceGrowing() {
        for (FleetDevice source : lan) {
            if (source.growing()) {
                return true;
            }
        }
        for (FleetDevice source : wan) {
            if (source.growing()) {
                return true;
            }
        }
        return false;
    }
}
