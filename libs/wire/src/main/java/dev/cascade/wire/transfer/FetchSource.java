package dev.cascade.wire.transfer;

import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.UUID;

/**
 * One holder to fetch from: its device id (BLOCKs must carry it as sender id), its content-port address,
 * and the pieces it holds ({@code null}: all of them, e.g. the seed or a holder the planner listed).
 */
public record FetchSource(UUID deviceId, InetSocketAddress address, BitSet pieces) {

    public FetchSource {
        if (deviceId == null || address == null) {
            throw new IllegalArgumentException("a source needs a device id and an address");
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("source " + deviceId + " has the unresolved address " + address
                    + "; expected an IP address");
        }
        pieces = pieces == null ? null : (BitSet) pieces.clone();
    }

    public static FetchSource holdingAll(UUID deviceId, InetSocketAddress address) {
        return new FetchSource(deviceId, address, null);
    }

    public boolean holds(int piece) {
        return pieces == null || pieces.get(piece);
    }

    @Override
    public BitSet pieces() {
        return pieces == null ? null : (BitSet) pieces.clone();
    }
}
