package dev.cascade.agent.follow;

import java.net.InetSocketAddress;
import java.util.UUID;

import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.wire.transfer.FetchSource;

/**
 * One peer a SOURCE_PLAN names, with the source class its bytes are counted under in TRANSFER_REPORT (a seed's bytes
 * are SEED, a same-office holder's SAME_OFFICE_PEER).
 */
public record PlannedPeer(UUID deviceId, InetSocketAddress address, SourceClass sourceClass) {

    /** The source as the fetcher takes it: the planner lists holders, not their pieces, so every piece is asked for. */
    public FetchSource toFetchSource() {
        return FetchSource.holdingAll(deviceId, address);
    }
}
