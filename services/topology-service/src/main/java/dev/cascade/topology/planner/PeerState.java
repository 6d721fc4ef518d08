package dev.cascade.topology.planner;

import java.util.Locale;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;

/**
 * A peer as the planner weighs it: seed 001's download-order attributes and what it holds of the
 * content being planned.
 *
 * @param deviceId       UUID, compared lower case
 * @param officeId       its office now; null while metadata-service has none for it
 * @param bootTimeMs     milliseconds since the epoch; 0 = not reported
 * @param busy           all its upload slots are taken
 * @param active         its last REGISTER or HEARTBEAT is younger than the heartbeat TTL
 * @param state          its state for the content (UNSPECIFIED: the content is not deployed to it)
 * @param piecesHeld     verified pieces it holds
 * @param deployed       an active deployment of the content targets it, reported or not (metadata-service knows the
 *                       targets before their notices reach them)
 */
public record PeerState(String deviceId, String hostname, String ipAddress, String officeId, DeviceClass deviceClass,
        OsType osType, long freeStorageBytes, long usableStorageBytes, long bootTimeMs, boolean busy, boolean active,
        ContentState state, int piecesHeld, boolean deployed) {

    /** A peer of which only its reports say whether the content is deployed to it ({@code deployed} false). */
    public PeerState(String deviceId, String hostname, String ipAddress, String officeId, DeviceClass deviceClass,
            OsType osType, long freeStorageBytes, long usableStorageBytes, long bootTimeMs, boolean busy, boolean active,
            ContentState state, int piecesHeld) {
        this(deviceId, hostname, ipAddress, officeId, deviceClass, osType, freeStorageBytes, usableStorageBytes, bootTimeMs,
                busy, active, state, piecesHeld, false);
    }

    public PeerState {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a peer needs a device id");
        }
        deviceId = deviceId.toLowerCase(Locale.ROOT);
        hostname = hostname == null ? "" : hostname;
        ipAddress = ipAddress == null ? "" : ipAddress;
        officeId = officeId == null || officeId.isBlank() ? null : officeId;
        deviceClass = deviceClass == null ? DeviceClass.DEVICE_CLASS_UNSPECIFIED : deviceClass;
        osType = osType == null ? OsType.OS_TYPE_UNSPECIFIED : osType;
        state = state == null ? ContentState.CONTENT_STATE_UNSPECIFIED : state;
        piecesHeld = Math.max(0, piecesHeld);
    }

    /** How admins know the device: its host name, or its id when it reported none. */
    public String label() {
        return hostname.isBlank() ? deviceId : hostname;
    }

    /** It can serve at least one verified piece. */
    public boolean holdsPieces() {
        return piecesHeld > 0 && state != ContentState.CONTENT_STATE_REMOVED;
    }

    /** It holds every piece of {@code content}. */
    public boolean holdsAll(ContentInfo content) {
        return state != ContentState.CONTENT_STATE_REMOVED
                && (piecesHeld >= content.pieceCount() || state == ContentState.CONTENT_STATE_CACHED
                || state == ContentState.CONTENT_STATE_INSTALLED);
    }

    /** The content is deployed to it and it has not given up on it: it will ask for (or has) a plan. */
    public boolean hasTask() {
        return switch (state) {
            case CONTENT_STATE_PENDING, CONTENT_STATE_DOWNLOADING, CONTENT_STATE_PAUSED, CONTENT_STATE_CACHED,
                    CONTENT_STATE_INSTALLED -> true;
            default -> false;
        };
    }

    /**
     * The content is deployed to it but it has reported nothing of it yet: its notice is on the way (or
     * was just sent), and it will ask for a plan once it has it.
     */
    public boolean untold() {
        return deployed && state == ContentState.CONTENT_STATE_UNSPECIFIED;
    }

    /**
     * It is fetching the content on a FETCH plan: DOWNLOADING, or PAUSED (e.g. the WAN is busy). An RVP
     * that is engaged stays RVP. A peer following a WAIT plan reports PENDING, also while it copies
     * pieces from its office's holders, so that copying from the RVP never makes a peer look like it.
     */
    public boolean engaged() {
        return state == ContentState.CONTENT_STATE_DOWNLOADING || state == ContentState.CONTENT_STATE_PAUSED;
    }

    /** Its free storage holds what it still lacks of {@code content}. */
    public boolean hasRoomFor(ContentInfo content) {
        return Long.compareUnsigned(freeStorageBytes, content.bytesMissing(piecesHeld)) >= 0;
    }

    /**
     * The peer as the one asking for a plan: active (it just spoke), and with the task even when its
     * inventory has not said so yet (or said it gave up: asking again means it wants the content).
     */
    public PeerState asking() {
        return new PeerState(deviceId, hostname, ipAddress, officeId, deviceClass, osType, freeStorageBytes, usableStorageBytes,
                bootTimeMs, busy, true, hasTask() ? state : ContentState.CONTENT_STATE_PENDING, piecesHeld, true);
    }
}
