package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_BLOCKED;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.topology.planner.PlanContext.office;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.cascade.contracts.v1.PlanAction;

/**
 * Proxy mode (seed 002): package-store devices receive the package through the server path and serve
 * the others; {@link ProxyAccess} says who may use what when. Package-store devices serve their own
 * office only (over the LAN): one in another office would be a WAN pull per device, which the
 * hierarchy exists to avoid; such a device "cannot be contacted" and the server path (when open)
 * takes over.
 *
 * <p>While the other devices may use both the package stores and the server path, an office is one
 * population with one RVP. Otherwise the package stores and the others are two populations that do
 * not serve each other: each elects its own RVP among its own devices (the package stores only, or
 * only the others, as sources), so an office pulls the content over the WAN at most once per
 * population.
 */
final class ProxyPlanner {

    private ProxyPlanner() {
    }

    static Plan plan(PlanContext context) {
        ProxyOptions options = context.deployment.proxy();
        Predicate<PeerState> isStore = peer -> options.isPackageStore(peer.deviceId());
        ProxyAccess others = ProxyAccess.of(options, false, context.now);
        boolean onePopulation = others.server() && others.packageStores();
        if (options.isPackageStore(context.requester.deviceId())) {
            PeerFilter filter = onePopulation ? PeerFilter.ANY : new PeerFilter(peer -> true, isStore);
            Plan plan = HierarchyPlanner.plan(context, filter);
            return explained(context, plan, plan.sources(), plan.action(), ProxyAccess.of(options, true, context.now).rule());
        }
        ProxyAccess access = others;
        if (!access.server() && !access.packageStores()) {
            return context.plan(PLAN_ACTION_BLOCKED, List.of(), "Proxy distribution: " + access.rule() + ".", retryAfter(context, access),
                    false, Plan.OriginUse.NONE);
        }
        OfficeNode home = context.home().office();
        List<Source> stores = new ArrayList<>();
        if (access.packageStores() && home.shares()) {
            for (PeerState peer : context.home().holders(peer -> context.mayServe(peer) && isStore.test(peer))) {
                if (stores.size() < context.settings.maxSources()) {
                    stores.add(context.lanSource(peer, "; package-store device of the deployment"));
                }
            }
        }
        if (!access.server()) {
            return stores.isEmpty()
                    ? context.plan(PLAN_ACTION_BLOCKED, stores, "Proxy distribution: " + access.rule() + ", and no package-store device"
                            + " of " + office(home) + " holds any of it yet.", retryAfter(context, access), false, Plan.OriginUse.NONE)
                    : context.plan(PLAN_ACTION_FETCH, stores, "Proxy distribution: " + access.rule() + "; this device fetches from the"
                            + " package-store devices of " + office(home) + ".", 0, false, Plan.OriginUse.NONE);
        }
        PeerFilter filter = onePopulation ? PeerFilter.ANY : new PeerFilter(isStore.negate(), isStore.negate());
        Plan serverPath = HierarchyPlanner.plan(context, filter);
        if (stores.isEmpty()) {
            return explained(context, serverPath, serverPath.sources(), serverPath.action(), access.rule());
        }
        Set<String> listed = new HashSet<>();
        List<Source> sources = new ArrayList<>(stores);
        stores.forEach(store -> listed.add(store.deviceId()));
        serverPath.sources().stream().filter(s -> s.isOrigin() || !listed.contains(s.deviceId())).forEach(sources::add);
        // WAIT unless the server path says FETCH: only a peer on a FETCH plan counts as engaged in an RVP election
        PlanAction action = serverPath.action() == PLAN_ACTION_FETCH ? PLAN_ACTION_FETCH : PlanAction.PLAN_ACTION_WAIT;
        return explained(context, serverPath, sources, action, access.rule()
                + "; the package-store devices of " + office(home) + " come first, and if none answers");
    }

    private static Plan explained(PlanContext context, Plan plan, List<Source> sources, PlanAction action,
            String rule) {
        long retry = action == PLAN_ACTION_FETCH ? 0 : plan.retryAfterMs();
        return context.plan(action, sources, "Proxy distribution: " + rule + ": " + plan.explanation(), retry, plan.rvp(),
                plan.originUse());
    }

    /** Ask again at the next window change, but no later than the usual blocked retry. */
    private static long retryAfter(PlanContext context, ProxyAccess access) {
        long retry = context.settings.blockedRetry().toMillis();
        if (access.nextChange() != null) {
            retry = Math.min(retry, Math.max(1, Duration.between(context.now, access.nextChange()).toMillis()));
        }
        return retry;
    }
}
