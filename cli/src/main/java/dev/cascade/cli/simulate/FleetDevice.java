package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.List;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.topology.planner.PeerState;

/**
 * One agent: what it holds, what it is doing, and what the server knows of it (its last INVENTORY_REPORT, as the
 * planner reads it).
 */
final class FleetDevice {

    final int index;
    final String id;
    final String hostname;
    final String ipAddress;
    final FleetOffice office;
    final boolean seed;
    final DeviceClass deviceClass;
    final OsType osType;
    final long freeStorage;
    final long usableStorage;
    final long bootTimeMs;
    /** Its LAN port out (unused for a VPN device: it serves nobody). */
    final Link up;
    /** Its LAN port in; a VPN device's own link. */
    final Link down;
    /** Where a piece starts when it picks one, so that copiers of one office spread over the pieces. */
    final int rotation;

    final long[] held;
    int heldCount;
    final long[] inFlight;
    int inFlightCount;
    /**
     * Transfers it serves now to its own office (foreground port) and to other offices (background port): the agent
     * runs a content server on each, each with its own upload slots.
     */
    int lanUploads;
    int wanUploads;
    /** Sources it receives from now (one transfer per source). */
    final List<FleetDevice> fetchingFrom = new ArrayList<>(4);

    /** The deployment reached it (DEPLOYMENT_NOTICE). */
    boolean noticed;
    double noticeAt = Double.NaN;
    double completedAt = Double.NaN;
    /** The state it is in for the content, by its own account. */
    ContentState state = ContentState.CONTENT_STATE_UNSPECIFIED;
    /** What the server holds from its last INVENTORY_REPORT. */
    PeerState view;
    ContentState reportedState = ContentState.CONTENT_STATE_UNSPECIFIED;
    int reportedPieces;
    double lastReportAt = Double.NEGATIVE_INFINITY;
    boolean progressReportDue;

    /** The fetch round it follows, null between rounds. */
    FetchRound round;
    /** Bumped when it starts a transfer or a round ends: a wake-up or give-up of an older epoch is stale. */
    int epoch;
    /** Its latest plan pulls over the WAN (it is an RVP or a VPN device fetching for itself). */
    boolean pullsOverWan;
    int emptyRounds;
    /** The epoch in which it last registered as a waiter and set its stall check (once per epoch). */
    int waitingEpoch = -1;
    /** Receivers waiting for this device to gain a piece or free an upload slot, each with its epoch then. */
    final WaiterList waiters = new WaiterList();
    /** Bytes it received over its office's (or its own) WAN link. */
    double wanBytes;

    FleetDevice(int index, String id, String hostname, String ipAddress, FleetOffice office, boolean seed, DeviceClass deviceClass, OsType osType, long freeStorage,
                long usableStorage, long bootTimeMs, Link up, Link down, int pieces, int rotation) {
        this.index = index;
        this.id = id;
        this.hostname = hostname;
        this.ipAddress = ipAddress;
        this.office = office;
        this.seed = seed;
        this.deviceClass = deviceClass;
        this.osType = osType;
        this.freeStorage = freeStorage;
        this.usableStorage = usableStorage;
        this.bootTimeMs = bootTimeMs;
        this.up = up;
        this.down = down;
        this.rotation = rotation;
        this.held = new long[(pieces + 63) / 64];
        this.inFlight = new long[held.length];
    }

    boolean holds(int piece) {
        return (held[piece >>> 6] & (1L << piece)) != 0;
    }

    boolean holdsAll(int pieces) {
        return heldCount >= pieces;
    }

    void hold(int piece) {
        held[piece >>> 6] |= 1L << piece;
        heldCount++;
    }

    void holdAll(int pieces) {
        for (int piece = 0; piece < pieces; piece++) {
            hold(piece);
        }
    }

    /** Receiving something: it will gain a piece soon. */
    boolean growing() {
        return inFlightCount > 0;
    }

    /**
     * A piece {@code source} holds (null: the origin, which holds all) that this device neither holds nor is fetching,
     * nor finds in {@code except} (null: no exception), searched from its rotation on; -1 when none.
     */
    int wantedFrom(FleetDevice source, int pieces, long[] except) {
        int words = held.length;
        int start = rotation % pieces;
        int startWord = start >>> 6;
        for (int step = 0; step <= words; step++) {
            int word = (startWord + step) % words;
            long wanted = (source == null ? -1L : source.held[word]) & ~held[word] & ~inFlight[word];
            if (except != null) {
                wanted &= ~except[word];
            }
            if (step == 0) {
                wanted &= -1L << (start & 63); // from the rotation on; the rest of this word comes last
            } else if (step == words) {
                wanted &= ~(-1L << (start & 63));
            }
            while (wanted != 0) {
                int piece = word * 64 + Long.numberOfTrailingZeros(wanted);
                if (piece < pieces) {
                    return piece;
                }
                wanted &= wanted - 1;
            }
        }
        return -1;
    }

    /** It neither holds nor fetches {@code piece}. */
    boolean wants(int piece) {
        return ((held[piece >>> 6] | inFlight[piece >>> 6]) & (1L << piece)) == 0;
    }

    /** Whether a transfer from {@code source} to this device crosses a WAN link (the background port's slots). */
    boolean overWanFrom(FleetDevice source) {
        return source.office != office;
    }

    /** Waits for {@code source} to gain a piece or free a slot. */
    void waitFor(FleetDevice source) {
        source.waiters.add(this, epoch);
    }
}
