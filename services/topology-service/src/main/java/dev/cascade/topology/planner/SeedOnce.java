package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_WAIT;
import static dev.cascade.topology.planner.PlanContext.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.cascade.topology.planner.Plan.OriginUse;

/**
 * The seed's own office (DESIGN.md §1): the content library uploads about one copy, not one per device. While only
 * seed peers hold every piece, one device of the office, its RVP, fetches from the seed; every other device WAITs
 * and copies from the RVP and from the office's other devices as their pieces arrive (a holder that is fetching
 * tells what it holds and to ask again, docs/protocol.md §17.1), so the copies multiply inside the office. Once a
 * device holds it all, the office copies from its devices ({@link HierarchyPlanner}) and the seed is left out.
 */
final class SeedOnce {

    /** The longest a device copying inside the seed's office waits before asking again. */
    static final long WAIT_RETRY_MS = 5_000;

    private SeedOnce() {
    }

    /** The plan, or empty when no device but the seed can take the RVP's part (then everyone may use the seed). */
    static Optional<Plan> plan(PlanContext context, PeerFilter filter, List<PeerState> lanHolders, PeerState seed) {
        OfficeCrowd home = context.home();
        OfficeNode office = home.office();
        ContentInfo content = context.content;
        Optional<RvpElection.Elected> elected = home.rvp(content, context::isSeed,
                peer -> !context.isSeed(peer) && filter.electable().test(peer));
        if (elected.isEmpty()) {
            return Optional.empty();
        }
        PeerState rvp = elected.get().peer();
        String library = "seed peer " + seed.label() + " (content library) holds every piece";
        if (rvp.deviceId().equals(context.requester.deviceId())) {
            List<PeerState> sources = new ArrayList<>(lanHolders.stream().filter(context::isSeed).toList());
            sources.addAll(lanHolders.stream().filter(peer -> !context.isSeed(peer)).toList());
            return Optional.of(context.plan(PLAN_ACTION_FETCH, context.lanSources(sources), library + "; this device is the RVP"
                    + " of " + office(office) + " for " + content.label() + " (" + elected.get().why() + "), so it fetches the"
                    + " library's copy over the LAN (foreground protocol) and the office's other devices copy from it.", true,
                    OriginUse.NONE));
        }
        // the RVP first, even before it holds a piece: it is fetching, so it tells what it holds as pieces arrive
        List<PeerState> devices = new ArrayList<>();
        if (context.mayServe(rvp)) {
            devices.add(rvp);
        }
        for (PeerState peer : home.peers()) {
            if (peer != rvp && !context.isSeed(peer) && context.mayServe(peer) && filter.source().test(peer)
                    && (peer.holdsPieces() || peer.hasTask() && peer.active())) {
                devices.add(peer);
            }
        }
        devices.sort((a, b) -> a == rvp ? -1 : b == rvp ? 1 : Integer.compare(b.piecesHeld(), a.piecesHeld()));
        // asks again soon if its copying ends early (e.g. the RVP had not started): the RVP is on the same LAN
        long retry = Math.min(context.settings.waitRetry().toMillis(), WAIT_RETRY_MS);
        return Optional.of(context.plan(PLAN_ACTION_WAIT, sourcesOf(context, devices), library + ", but the library uploads"
                + " one copy into " + office(office) + ": its RVP " + rvp.label() + " (" + elected.get().why() + ") fetches it,"
                + " and this device copies from the RVP and the office's other devices as their pieces arrive.", retry, false,
                OriginUse.NONE));
    }

    private static List<Source> sourcesOf(PlanContext context, List<PeerState> devices) {
        List<Source> sources = new ArrayList<>();
        for (PeerState peer : devices.subList(0, Math.min(devices.size(), context.settings.maxSources()))) {
            sources.add(context.lanSource(peer, peer.holdsPieces() ? "" : "; it is fetching the content too, so it is asked"
                    + " as its pieces arrive"));
        }
        return sources;
    }
}
