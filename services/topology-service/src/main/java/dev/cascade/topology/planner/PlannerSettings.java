package dev.cascade.topology.planner;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The planner's tunables (configured under {@code cascade.planner}).
 *
 * @param freeStorageBucketBytes free storage is compared in buckets of this size (download order, criterion 1)
 * @param seedDeviceIds          the seed peers (content library): first choice as the central office's RVP
 * @param maxSources             at most this many peers per group of sources (same office, one upstream office)
 * @param waitRetry              when a waiting peer should ask again
 * @param blockedRetry           when a blocked peer should ask again (unless a proxy window opens earlier)
 * @param multicastSessionDelay  seed 003's session start delay: how long the others wait for the representative
 * @param multicastIpv4Prefix    the subnet of an IPv4 requester in multicast mode (metadata-service reports no prefix)
 * @param multicastIpv6Prefix    the same for IPv6
 * @param foregroundPort         peers' content port, same office (34760)
 * @param backgroundPort         peers' content port, from a sub-office (34750)
 * @param untoldWait             how long after a deployment is made the RVP election also counts the targeted peers
 *                               that have not asked yet (their notices are on the way)
 */
public record PlannerSettings(long freeStorageBucketBytes, Set<String> seedDeviceIds, int maxSources, Duration waitRetry,
        Duration blockedRetry, Duration multicastSessionDelay, int multicastIpv4Prefix, int multicastIpv6Prefix,
        int foregroundPort, int backgroundPort, Duration untoldWait) {

    /** The default {@link #untoldWait}. */
    public static final Duration UNTOLD_WAIT = Duration.ofMinutes(2);

    /** Settings with the default {@link #untoldWait}. */
    public PlannerSettings(long freeStorageBucketBytes, Set<String> seedDeviceIds, int maxSources, Duration waitRetry,
            Duration blockedRetry, Duration multicastSessionDelay, int multicastIpv4Prefix, int multicastIpv6Prefix,
            int foregroundPort, int backgroundPort) {
        this(freeStorageBucketBytes, seedDeviceIds, maxSources, waitRetry, blockedRetry, multicastSessionDelay, multicastIpv4Prefix,
                multicastIpv6Prefix, foregroundPort, backgroundPort, UNTOLD_WAIT);
    }

    public static final long GIB = 1L << 30;

    public PlannerSettings {
        if (freeStorageBucketBytes < 1) {
            throw new IllegalArgumentException("the free-storage bucket must be at least 1 byte, got " + freeStorageBucketBytes);
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("max sources must be at least 1, got " + maxSources);
        }
        if (multicastIpv4Prefix < 0 || multicastIpv4Prefix > 32 || multicastIpv6Prefix < 0 || multicastIpv6Prefix > 128) {
            throw new IllegalArgumentException("multicast prefixes must be 0..32 (IPv4) and 0..128 (IPv6), got /"
                    + multicastIpv4Prefix + " and /" + multicastIpv6Prefix);
        }
        if (untoldWait == null || untoldWait.isNegative()) {
            throw new IllegalArgumentException("the wait for targeted peers that have not asked yet must be 0 or more, got "
                    + untoldWait);
        }
        seedDeviceIds = seedDeviceIds == null ? Set.of()
                : seedDeviceIds.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).filter(id -> !id.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The defaults of operations.md. */
    public static PlannerSettings defaults() {
        return new PlannerSettings(GIB, Set.of(), 16, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1), 24, 64,
                34760, 34750);
    }

    public PlannerSettings withSeeds(Set<String> seeds) {
        return new PlannerSettings(freeStorageBucketBytes, seeds, maxSources, waitRetry, blockedRetry, multicastSessionDelay,
                multicastIpv4Prefix, multicastIpv6Prefix, foregroundPort, backgroundPort, untoldWait);
    }

    public boolean isSeed(String deviceId) {
        return seedDeviceIds.contains(deviceId);
    }
}
