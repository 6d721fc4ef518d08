package dev.cascade.agent.follow;

import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.UUID;

import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.wire.transfer.FetchSource;

/**
 * One peer to fetch from, with the source class its bytes are counted under in TRANSFER_REPORT (a seed's bytes
 * are SEED, a same-office holder's SAME_OFFICE_PEER, a parent office's PARENT_OFFICE_PEER): a peer a SOURCE_PLAN
 * names, or a holder that answered the agent's DISCOVER ({@link SubnetHolders}).
 *
 * @param pieces     what it holds, as its DISCOVER_REPLY said; null when unknown (the planner lists holders, not their
 *                   pieces), and then every piece is asked for
 * @param background reached over the WAN with the background protocol (protocol.md §18), not the foreground one (§17)
 */
public record PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass, PieceBitmap pieces,
                          boolean background) {

    /** A holder of the requester's subnet that answered DISCOVER (foreground protocol). */
    public PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass, PieceBitmap pieces) {
        this(deviceId, address, sourceClass, pieces, false);
    }

    /** A peer of the requester's office the plan names. */
    public PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass) {
        this(deviceId, address, sourceClass, null, false);
    }

    /** The source as the fetcher takes it: only the pieces it holds are asked of it, when they are known. */
    public FetchSource toFetchSource() {
        if (pieces == null) {
            return FetchSource.holdingAll(deviceId, address);
        }
        BitSet held = new BitSet(pieces.pieceCount());
        for (int p = 0; p < pieces.pieceCount(); p++) {
            if (pieces.isHeld(p)) {
                held.set(p);
            }
        }
        return new FetchSource(deviceId, address, held);
    }
}
