package dev.cascade.topology.planner;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who of one office (or, in multicast mode, one subnet) brings a content in: its rendezvous point
 * for that content. Among the peers that have the content deployed, are active, and have room for
 * what they still lack:
 * <ol>
 * <li>a peer already engaged (fetching on a FETCH plan: DOWNLOADING or PAUSED) stays: the one holding
 * the most pieces, seed peers first on a tie, then download order. The role does not move to a better
 * peer that arrives later, and being busy serving the office does not demote the RVP;</li>
 * <li>otherwise the first idle one: seed peers first (the central office is fed by the content
 * library), then {@link DownloadOrder}; right after a deployment also among the peers it targets that
 * have not asked yet ({@link PeerState#untold()}), so the role is not given to an early asker and
 * then again to a better peer that asks a moment later.</li>
 * </ol>
 * Deterministic for one state: every peer of the office that asks gets the same RVP. Peers told to
 * WAIT report PENDING (see {@link PeerState#engaged()}), so in an office without a complete copy the
 * RVP is the only engaged peer.
 */
final class RvpElection {

    private RvpElection() {
    }

    /** The elected peer and why, in words for the admin. */
    record Elected(PeerState peer, String why) {
    }

    static Optional<Elected> elect(List<PeerState> peers, ContentInfo content, DownloadOrder order, Predicate<PeerState> seed,
            Predicate<PeerState> electable) {
        return elect(peers, content, order, seed, electable, false);
    }

    /**
     * @param countUntold also peers the content is deployed to that have not asked yet ({@link PeerState#untold()}):
     *                    for an office up the chain right after a deployment, never for the requester's own office
     *                    (whose asking peer can bring the content in at once)
     */
    static Optional<Elected> elect(List<PeerState> peers, ContentInfo content, DownloadOrder order, Predicate<PeerState> seed,
            Predicate<PeerState> electable, boolean countUntold) {
        Comparator<PeerState> engagedOrder = Comparator.comparingInt(PeerState::piecesHeld).reversed()
                .thenComparing(peer -> !seed.test(peer)).thenComparing(order);
        PeerState engaged = null;
        for (PeerState peer : peers) {
            if (peer.active() && peer.hasTask() && peer.engaged() && peer.hasRoomFor(content) && electable.test(peer)
                    && (engaged == null || engagedOrder.compare(peer, engaged) < 0)) {
                engaged = peer;
            }
        }
        if (engaged != null) {
            String why = engaged.piecesHeld() > 0
                    ? "already bringing it in, holds " + content.share(engaged.piecesHeld()) + " of the pieces"
                    : "already bringing it in";
            return Optional.of(new Elected(engaged, why));
        }
        Comparator<PeerState> freshOrder = Comparator.comparing((PeerState peer) -> !seed.test(peer)).thenComparing(order);
        PeerState first = null;
        PeerState second = null;
        for (PeerState peer : peers) {
            if (peer.active() && (peer.hasTask() || countUntold && peer.untold()) && !peer.busy() && peer.hasRoomFor(content)
                    && electable.test(peer)) {
                if (first == null || freshOrder.compare(peer, first) < 0) {
                    second = first;
                    first = peer;
                } else if (second == null || freshOrder.compare(peer, second) < 0) {
                    second = peer;
                }
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        String why;
        if (seed.test(first)) {
            why = "seed peer (content library)";
        } else if (second == null) {
            why = "the only device of the office with the content deployed, idle and with room for it";
        } else {
            why = "first in download order, by " + order.decidingCriterion(first, second);
        }
        if (first.untold()) {
            why += "; its deployment notice is on the way, it has not asked yet";
        }
        return Optional.of(new Elected(first, why));
    }
}
