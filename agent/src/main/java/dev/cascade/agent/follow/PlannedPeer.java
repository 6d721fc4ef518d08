package dev.cascade.agent.follow;

import java.net.InetSocketAddress;
import java.util.UUID;

import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.wire.transfer.FetchSource;

/**
 * One peer a SOURCE_PLAN names, with the source class its bytes are counted under in TRANSFER_REPORT (a seed's bytes
 * are SEED, a same-office holder's SAME_OFFICE_PEER, a parent office's PARENT_OFFICE_PEER) and whether it is reached
 * over the WAN with the background protocol (protocol.md §18) rather than the foreground one (§17).
 */
public record PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass, boolean background) {

    /** A peer of the requester's office (foreground protocol). */
    public PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass) {
        this(deviceId, address, sourceClass, false);
    }

    /** The source as the fetcher takes it: the planner lists holders, not their pieces, so every piece is asked for. */
    public FetchSource toFetchSource() {
        return FetchSource.holdingAll(deviceId, address);
    }
}
