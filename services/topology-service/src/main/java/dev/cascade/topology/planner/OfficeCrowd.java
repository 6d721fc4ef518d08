package dev.cascade.topology.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The active peers of one office on the requester's chain, with the office's download order. */
final class OfficeCrowd {

    private final OfficeNode office;
    private final int level;
    private final List<PeerState> peers = new ArrayList<>();
    private final DownloadOrder order;

    OfficeCrowd(OfficeNode office, int level, long bucketBytes) {
        this.office = office;
        this.level = level;
        this.order = new DownloadOrder(office.preferredRvps(), bucketBytes);
    }

    void add(PeerState peer) {
        peers.add(peer);
    }

    OfficeNode office() {
        return office;
    }

    /** 0 for the requester's office, 1 for its parent, and so on. */
    int level() {
        return level;
    }

    List<PeerState> peers() {
        return peers;
    }

    DownloadOrder order() {
        return order;
    }

    /** The peers holding pieces that {@code usable} allows, best source first. */
    List<PeerState> holders(Predicate<PeerState> usable) {
        List<PeerState> holders = new ArrayList<>();
        for (PeerState peer : peers) {
            if (peer.holdsPieces() && usable.test(peer)) {
                holders.add(peer);
            }
        }
        holders.sort(order.forSources());
        return holders;
    }

    Optional<RvpElection.Elected> rvp(ContentInfo content, Predicate<PeerState> seed, Predicate<PeerState> electable) {
        return RvpElection.elect(peers, content, order, seed, electable, false);
    }

    /** As {@link #rvp}, counting also the targeted peers that have not asked yet when {@code countUntold}. */
    Optional<RvpElection.Elected> rvp(ContentInfo content, Predicate<PeerState> seed, Predicate<PeerState> electable,
            boolean countUntold) {
        return RvpElection.elect(peers, content, order, seed, electable, countUntold);
    }
}
