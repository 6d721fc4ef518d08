package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_BLOCKED;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_WAIT;
import static dev.cascade.topology.planner.PlanContext.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.Plan.OriginUse;

/**
 * The peer-to-peer plan (DESIGN.md §2): same-office holders first; content enters an office once,
 * through its RVP, from the nearest office up the chain that holds it (background protocol), and
 * the others wait for the RVP; the origin only when nothing up the chain holds or fetches it. VPN
 * peers do not share: each fetches from upstream itself. Metered offices never use the WAN.
 * Offices allowing direct CDN download put the origin first for their RVP.
 */
final class HierarchyPlanner {

    private HierarchyPlanner() {
    }

    static Plan plan(PlanContext context, PeerFilter filter) {
        OfficeCrowd home = context.home();
        OfficeNode office = home.office();
        ContentInfo content = context.content;
        List<PeerState> lanHolders = office.shares()
                ? home.holders(peer -> context.mayServe(peer) && filter.source().test(peer)) : List.of();
        List<Source> lan = context.lanSources(lanHolders);
        String wifi = office.kind() == OfficeKind.WIFI && !lan.isEmpty()
                ? " (" + office(office) + " is a Wi-Fi office: its peers do not broadcast, so the plan names the holders)" : "";
        Optional<PeerState> complete = lanHolders.stream().filter(peer -> peer.holdsAll(content) && !context.isSeed(peer))
                .findFirst();
        if (complete.isPresent()) {
            // the content library has served its copy: the office copies from its own devices
            List<Source> devices = context.lanSources(lanHolders.stream().filter(peer -> !context.isSeed(peer)).toList());
            return context.plan(PLAN_ACTION_FETCH, devices, office(office) + " holds it: " + complete.get().label()
                    + " has every piece, so this device fetches over the LAN (foreground protocol); neither the WAN nor the origin"
                    + " is needed" + wifi + ".", false, OriginUse.NONE);
        }
        Optional<PeerState> seed = lanHolders.stream().filter(peer -> peer.holdsAll(content)).findFirst();
        if (seed.isPresent()) {
            Optional<Plan> once = SeedOnce.plan(context, filter, lanHolders, seed.get());
            if (once.isPresent()) {
                return once.get();
            }
            return context.plan(PLAN_ACTION_FETCH, lan, office(office) + " holds it: " + seed.get().label()
                    + " has every piece and no other device of the office can take the RVP's part (busy or without room),"
                    + " so this device fetches over the LAN (foreground protocol); neither the WAN nor the origin is needed"
                    + wifi + ".", false, OriginUse.NONE);
        }
        if (office.metered()) {
            if (!lan.isEmpty()) {
                return context.plan(PLAN_ACTION_FETCH, lan, office(office) + " has a metered WAN link: nothing is fetched over the"
                        + " WAN or from the origin; this device fetches the pieces its same-office peers hold so far" + wifi + ".",
                        false, OriginUse.NONE);
            }
            return context.plan(PLAN_ACTION_BLOCKED, lan, office(office) + " has a metered WAN link: nothing is fetched over the WAN"
                    + " or from the origin, and no device of the office holds any of " + content.label() + " yet.", false, OriginUse.NONE);
        }
        if (!office.shares()) {
            return fromUpstream(context, filter, lan, false, office(office) + " is a VPN office: its peers do not share content, so this"
                    + " device fetches for itself");
        }
        Optional<RvpElection.Elected> elected = home.rvp(content, context::isSeed, filter.electable(), context.countsUntold());
        if (elected.isEmpty()) {
            String nobody = "no device of " + office(office) + " with the content deployed is idle and has room for it ("
                    + content.sizeBytes() + " bytes), so nobody can bring it into the office yet";
            // WAIT, not FETCH, with the holders: a peer that fetches on a FETCH plan counts as engaged in the next election
            return lan.isEmpty()
                    ? context.plan(PLAN_ACTION_BLOCKED, lan, nobody + ".", false, OriginUse.NONE)
                    : context.plan(PLAN_ACTION_WAIT, lan, nobody + "; meanwhile this device fetches the pieces its same-office peers"
                            + " hold" + wifi + ".", false, OriginUse.NONE);
        }
        RvpElection.Elected rvp = elected.get();
        if (rvp.peer().deviceId().equals(context.requester.deviceId())) {
            return fromUpstream(context, filter, lan, true, "this device is the RVP of " + office(office) + " for " + content.label()
                    + " (" + rvp.why() + ")");
        }
        UpstreamRoute route = UpstreamRoute.find(context, filter);
        List<Source> copyFrom = withRvp(context, lanHolders, rvp.peer());
        String explanation = office(office) + " has no complete copy yet; its RVP " + rvp.peer().label() + " (" + rvp.why() + ") "
                + activity(context, rvp.peer(), route) + "; this device waits for it"
                + (copyFrom.isEmpty() ? "" : " and meanwhile copies the pieces the RVP and its other same-office peers hold"
                        + " as they arrive")
                + " rather than using the WAN or the origin itself" + wifi + ".";
        // an RVP without pieces yet (its notice on the way, its FETCH plan not reported, or its first piece not in) has
        // nothing to copy, and a peer's round ends on it: ask again soon, or the office idles for wait-retry meanwhile.
        // Once it holds pieces the others copy along as more arrive (docs/protocol.md §17.1)
        long retry = rvp.peer().engaged() && rvp.peer().holdsPieces() ? context.settings.waitRetry().toMillis()
                : Math.min(context.settings.waitRetry().toMillis(), SeedOnce.WAIT_RETRY_MS);
        return context.plan(PLAN_ACTION_WAIT, copyFrom, explanation, retry, false, OriginUse.NONE);
    }

    /**
     * The office's holders as LAN sources with its RVP among them, first, even before it holds a piece: it is bringing
     * the content in and tells what it holds as pieces arrive (docs/protocol.md §17.1).
     */
    private static List<Source> withRvp(PlanContext context, List<PeerState> holders, PeerState rvp) {
        if (!context.mayServe(rvp) || holders.contains(rvp)) {
            return context.lanSources(holders);
        }
        List<PeerState> peers = new ArrayList<>(holders.size() + 1);
        peers.add(rvp);
        peers.addAll(holders);
        List<Source> sources = context.lanSources(peers);
        if (!rvp.holdsPieces()) {
            sources.set(0, context.lanSource(rvp, "; it is bringing the content in, so it is asked as its pieces arrive"));
        }
        return sources;
    }

    /** The plan of a peer that fetches over the WAN: the office's RVP, or a VPN peer. */
    private static Plan fromUpstream(PlanContext context, PeerFilter filter, List<Source> lan, boolean rvp, String who) {
        OfficeNode office = context.home().office();
        ContentInfo content = context.content;
        UpstreamRoute route = UpstreamRoute.find(context, filter);
        boolean cdnFirst = office.allowDirectCdn() && content.hasOrigin();
        List<Source> sources = new ArrayList<>();
        String cdn = "";
        if (cdnFirst) {
            sources.add(context.originSource(office(office) + " allows direct CDN download, so the origin comes first"));
            cdn = "; " + office(office) + " allows direct CDN download, so the origin comes first";
        }
        sources.addAll(lan);
        OriginUse cdnUse = cdnFirst ? OriginUse.DIRECT_CDN : OriginUse.NONE;
        if (route instanceof UpstreamRoute.Holders holders) {
            sources.addAll(context.upstreamSources(holders.peers(), holders.level()));
            String from = (holders.level() == 1 ? "parent " : "ancestor ") + office(context.chain.at(holders.level()));
            String between = holders.level() > 1 ? " (the offices between hold none of it and fetch none)" : "";
            return context.plan(PLAN_ACTION_FETCH, sources, who + "; it fetches from " + from + " over the WAN (background"
                    + " protocol)" + between + ", not from the origin, because the hierarchy holds it" + cdn + ".", rvp, cdnUse);
        }
        if (route instanceof UpstreamRoute.WaitFor wait) {
            OfficeNode upstream = context.chain.at(wait.level());
            String waitingFor = office(upstream) + ", whose RVP " + wait.rvp().peer().label() + " "
                    + bringing(wait.rvp(), content);
            if (cdnFirst) {
                return context.plan(PLAN_ACTION_FETCH, sources, who + "; it fetches from the origin rather than wait for "
                        + waitingFor + cdn + ".", rvp, cdnUse);
            }
            // asks again soon: once the upstream RVP holds its first pieces this device fetches them from it as they
            // arrive (a holder still fetching, docs/protocol.md §17.1), so the WAN hops of a chain run in a pipeline
            long retry = Math.min(context.settings.waitRetry().toMillis(), SeedOnce.WAIT_RETRY_MS);
            return context.plan(PLAN_ACTION_WAIT, sources, who + "; no office between here and " + office(upstream)
                    + " holds it yet, so it waits for " + waitingFor + ", rather than going to the origin"
                    + (lan.isEmpty() ? "" : "; meanwhile it fetches the pieces its same-office peers hold") + ".", retry, rvp,
                    cdnUse);
        }
        if (route instanceof UpstreamRoute.Origin) {
            if (!cdnFirst) {
                sources.add(context.originSource("the hierarchy lacks the content"));
            }
            return context.plan(PLAN_ACTION_FETCH, sources, who + "; no office from " + office(office) + " up to "
                    + office(context.chain.at(context.levels() - 1)) + " holds or is fetching " + content.label()
                    + " and no seed peer holds it, so it fetches from the origin" + cdn + ".", rvp,
                    cdnFirst ? OriginUse.DIRECT_CDN : OriginUse.FALLBACK);
        }
        String none = who + "; no office up to " + office(context.chain.at(context.levels() - 1)) + " holds or is fetching "
                + content.label() + ", no seed peer holds it, and it has no origin URL";
        Optional<PeerState> seed = context.crowd(context.levels() - 1).peers().stream()
                .filter(peer -> context.isSeed(peer) && peer.active()).findFirst();
        if (sources.isEmpty() && seed.isPresent()) {
            // right after a deployment the seed has its notice but has not reported the content yet: not "nowhere"
            return context.plan(PLAN_ACTION_WAIT, sources, none + " yet; seed peer " + seed.get().label() + " (content library)"
                    + " is told of every deployment and has not reported it, so this device asks again shortly.",
                    Math.min(context.settings.waitRetry().toMillis(), SeedOnce.WAIT_RETRY_MS), rvp, cdnUse);
        }
        return sources.isEmpty()
                ? context.plan(PLAN_ACTION_BLOCKED, sources, none + ": there is nowhere to fetch it from yet.", rvp, cdnUse)
                : context.plan(PLAN_ACTION_FETCH, sources, none + "; it fetches the pieces its same-office peers hold.", rvp, cdnUse);
    }

    /**
     * What an upstream RVP does, after its name: "is bringing it in and holds 43 % of the pieces" when it is fetching
     * (the election's reason would only say that again); "(first in download order, …) is to bring it in" when it has
     * not asked yet; "(…) is bringing it in" when it was elected with a task and has not started.
     */
    private static String bringing(RvpElection.Elected upstreamRvp, ContentInfo content) {
        PeerState peer = upstreamRvp.peer();
        if (peer.engaged()) {
            return "is bringing it in" + (peer.piecesHeld() > 0 ? " and holds " + content.share(peer.piecesHeld())
                    + " of the pieces" : "");
        }
        return "(" + upstreamRvp.why() + ") " + (peer.untold() ? "is to bring it in" : "is bringing it in");
    }

    /** What the office's RVP is doing, as a requester that waits for it sees it. */
    private static String activity(PlanContext context, PeerState rvp, UpstreamRoute route) {
        String verb = rvp.engaged() ? "is fetching it" : "is to fetch it";
        if (context.home().office().allowDirectCdn() && context.content.hasOrigin()) {
            return verb + " from the origin (the office allows direct CDN download)";
        }
        if (route instanceof UpstreamRoute.Holders holders) {
            return verb + " from " + (holders.level() == 1 ? "parent " : "ancestor ") + office(context.chain.at(holders.level()));
        }
        if (route instanceof UpstreamRoute.WaitFor wait) {
            return "waits for " + office(context.chain.at(wait.level())) + ", whose RVP " + wait.rvp().peer().label()
                    + " " + bringing(wait.rvp(), context.content);
        }
        if (route instanceof UpstreamRoute.Origin) {
            return verb + " from the origin (nothing up the hierarchy holds it)";
        }
        return "has nowhere to fetch it from yet (nothing up the hierarchy holds it and it has no origin URL)";
    }
}
