package dev.cascade.topology.planner;

import java.util.function.Predicate;

/**
 * What a deployment mode allows on the hierarchy path: which peers may be sources (besides the
 * requester and the peers it avoids, never sources) and which may be elected RVP.
 */
record PeerFilter(Predicate<PeerState> source, Predicate<PeerState> electable) {

    static final PeerFilter ANY = new PeerFilter(peer -> true, peer -> true);
}
