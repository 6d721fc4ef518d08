package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_WAIT;
import static dev.cascade.topology.planner.PlanContext.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.cascade.topology.model.OfficeKind;

/**
 * Multicast mode (seed 003): in each subnet the first device in download order with the task becomes
 * the multicast domain representative and fetches; the others join its session, waiting the session
 * start delay. The representative fetches along the hierarchy (its peer-to-peer plan), not from the
 * origin as seed 003's product does: that product has no peer hierarchy, Cascade does, and an office
 * of several subnets would otherwise pull the content over the WAN once per subnet. The
 * representative is elected as an RVP is, within the subnet, so the office's RVP is always the
 * representative of its own subnet and nobody waits for a device that waits for them.
 * Once a device of the subnet holds everything, the session is over and the others fetch what they
 * missed from peers (their peer-to-peer plan). Only Standard offices multicast: VPN peers do not
 * share and Wi-Fi peers do not broadcast; there the peer-to-peer plan applies.
 */
final class MulticastPlanner {

    private MulticastPlanner() {
    }

    static Plan plan(PlanContext context) {
        OfficeCrowd home = context.home();
        OfficeNode office = home.office();
        if (office.kind() != OfficeKind.STANDARD) {
            return prefixed(context, HierarchyPlanner.plan(context, PeerFilter.ANY), "Multicast needs a wired (Standard) office and "
                    + office(office) + " is " + (office.kind() == OfficeKind.VPN ? "a VPN" : "a Wi-Fi") + " office: peer-to-peer instead");
        }
        PlannerSettings settings = context.settings;
        Subnet subnet = Subnet.of(context.requester.ipAddress(), settings.multicastIpv4Prefix(), settings.multicastIpv6Prefix());
        if (subnet == null) {
            return prefixed(context, HierarchyPlanner.plan(context, PeerFilter.ANY), "Multicast: the device's address '"
                    + context.requester.ipAddress() + "' names no subnet: peer-to-peer instead");
        }
        List<PeerState> members = new ArrayList<>();
        for (PeerState peer : home.peers()) {
            if (peer == context.requester || subnet.contains(peer.ipAddress())) {
                members.add(peer);
            }
        }
        if (members.stream().anyMatch(peer -> peer != context.requester && peer.holdsAll(context.content))) {
            return prefixed(context, HierarchyPlanner.plan(context, PeerFilter.ANY), "Multicast: a device of subnet " + subnet
                    + " holds every piece, so the session is over and this device fetches what it lacks from peers");
        }
        Optional<RvpElection.Elected> elected = RvpElection.elect(members, context.content, home.order(), context::isSeed,
                peer -> true);
        if (elected.isEmpty() || elected.get().peer() == context.requester) {
            String why = elected.map(e -> " (" + e.why() + ")").orElse("");
            return prefixed(context, HierarchyPlanner.plan(context, PeerFilter.ANY), "Multicast: this device is the multicast domain"
                    + " representative of subnet " + subnet + why + ": it fetches the content and then multicasts it to the subnet");
        }
        PeerState representative = elected.get().peer();
        List<Source> sources = context.mayServe(representative)
                ? List.of(context.lanSource(representative, "; multicast domain representative of subnet " + subnet + ": join its session"))
                : List.of();
        return context.plan(PLAN_ACTION_WAIT, sources, "Multicast: " + representative.label() + " is the multicast domain representative"
                + " of subnet " + subnet + " (" + elected.get().why() + "); it fetches the content and multicasts it to the subnet, so this"
                + " device joins its session after the session start delay instead of fetching for itself.",
                settings.multicastSessionDelay().toMillis(), false, Plan.OriginUse.NONE);
    }

    private static Plan prefixed(PlanContext context, Plan plan, String note) {
        return context.plan(plan.action(), plan.sources(), note + ". " + plan.explanation(), plan.retryAfterMs(), plan.rvp(),
                plan.originUse());
    }
}
