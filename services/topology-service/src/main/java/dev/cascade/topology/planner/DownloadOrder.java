package dev.cascade.topology.planner;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;

/**
 * Seed 001's download order within one office, top first: (1) most free storage, (2) the office's
 * preferred devices (its preferred RVPs, in the admin's order), (3) desktop before laptop, (4) server
 * before workstation, (5) longest uptime (earliest boot time), (6) most usable storage; the device id
 * last, so that the order is total and every replica elects the same peer.
 *
 * <p>Free storage is compared in buckets ({@code bucketBytes}, 1 GiB by default): two devices whose
 * free space differs by a few megabytes count as equal and the later criteria decide. Compared
 * byte for byte, free space is almost never equal, and the preferred RVPs the admin named would
 * almost never matter. A device that does not report its class, OS type or boot time ranks after
 * those that do on that criterion.
 */
public final class DownloadOrder implements Comparator<PeerState> {

    private final long bucketBytes;
    private final Map<String, Integer> preferred;

    /**
     * @param preferredRvps device ids, most preferred first
     * @param bucketBytes   free storage is compared in units of this many bytes (at least 1)
     */
    public DownloadOrder(List<String> preferredRvps, long bucketBytes) {
        if (bucketBytes < 1) {
            throw new IllegalArgumentException("the free-storage bucket must be at least 1 byte, got " + bucketBytes);
        }
        this.bucketBytes = bucketBytes;
        this.preferred = new HashMap<>();
        for (String id : preferredRvps) {
            preferred.putIfAbsent(id.strip().toLowerCase(Locale.ROOT), preferred.size());
        }
    }

    @Override
    public int compare(PeerState a, PeerState b) {
        int order = Long.compareUnsigned(bucket(b), bucket(a));
        if (order != 0) {
            return order;
        }
        order = Integer.compare(preferredRank(a), preferredRank(b));
        if (order != 0) {
            return order;
        }
        order = Integer.compare(classRank(a.deviceClass()), classRank(b.deviceClass()));
        if (order != 0) {
            return order;
        }
        order = Integer.compare(osRank(a.osType()), osRank(b.osType()));
        if (order != 0) {
            return order;
        }
        order = Long.compare(bootKey(a), bootKey(b));
        if (order != 0) {
            return order;
        }
        order = Long.compareUnsigned(b.usableStorageBytes(), a.usableStorageBytes());
        if (order != 0) {
            return order;
        }
        return a.deviceId().compareTo(b.deviceId());
    }

    /**
     * How holders are tried as sources: idle ones before busy ones (a busy peer has no upload slot
     * free), then the most pieces, then download order.
     */
    public Comparator<PeerState> forSources() {
        return (a, b) -> {
            if (a.busy() != b.busy()) {
                return a.busy() ? 1 : -1;
            }
            int order = Integer.compare(b.piecesHeld(), a.piecesHeld());
            return order != 0 ? order : compare(a, b);
        };
    }

    /** Whether {@code peer} is one of the office's preferred RVPs. */
    public boolean isPreferred(PeerState peer) {
        return preferred.containsKey(peer.deviceId());
    }

    /**
     * The criterion that puts {@code first} ahead of {@code second}, in words ("most free storage"),
     * for explanations.
     */
    public String decidingCriterion(PeerState first, PeerState second) {
        if (bucket(first) != bucket(second)) {
            return "most free storage";
        }
        if (preferredRank(first) != preferredRank(second)) {
            return "preferred RVP of the office";
        }
        if (classRank(first.deviceClass()) != classRank(second.deviceClass())) {
            return "desktop before laptop";
        }
        if (osRank(first.osType()) != osRank(second.osType())) {
            return "server before workstation";
        }
        if (bootKey(first) != bootKey(second)) {
            return "longest uptime";
        }
        if (first.usableStorageBytes() != second.usableStorageBytes()) {
            return "most usable storage";
        }
        return "device id (every criterion equal)";
    }

    private long bucket(PeerState peer) {
        return Long.divideUnsigned(peer.freeStorageBytes(), bucketBytes);
    }

    private int preferredRank(PeerState peer) {
        return preferred.getOrDefault(peer.deviceId(), Integer.MAX_VALUE);
    }

    private static int classRank(DeviceClass deviceClass) {
        return switch (deviceClass) {
            case DEVICE_CLASS_DESKTOP -> 0;
            case DEVICE_CLASS_LAPTOP -> 1;
            default -> 2;
        };
    }

    private static int osRank(OsType osType) {
        return switch (osType) {
            case OS_TYPE_SERVER -> 0;
            case OS_TYPE_WORKSTATION -> 1;
            default -> 2;
        };
    }

    /** Earliest boot first; an unreported boot time (0 or less) last. */
    private static long bootKey(PeerState peer) {
        return peer.bootTimeMs() > 0 ? peer.bootTimeMs() : Long.MAX_VALUE;
    }
}
