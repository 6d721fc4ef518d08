package dev.cascade.topology.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.cascade.topology.planner.PlannerSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The source planner's settings under {@code cascade.planner} (operations.md). */
@ConfigMapping(prefix = "cascade.planner")
public interface PlannerConfig {

    /**
     * Device ids of the seed peers (agents run with {@code --seed}: the content library in the central
     * office). The central office elects a seed as its RVP first, and plans name it as a SEED source.
     */
    Optional<List<String>> seedDeviceIds();

    /** Free storage is compared in buckets of this many bytes (download order, criterion 1). */
    @WithDefault("1073741824")
    long freeStorageBucketBytes();

    /** At most this many peers per group of sources (same office; one upstream office). */
    @WithDefault("16")
    int maxSources();

    /** When a peer told to WAIT asks again. */
    @WithDefault("30s")
    Duration waitRetry();

    /** When a BLOCKED peer asks again (sooner when a proxy window opens before). */
    @WithDefault("5m")
    Duration blockedRetry();

    /** Seed 003's session start delay: how long the others of a subnet wait for its multicast representative. */
    @WithDefault("1m")
    Duration multicastSessionDelay();

    /** The subnet of an IPv4 peer in multicast mode (metadata-service's planning state has no prefix length). */
    @WithDefault("24")
    int multicastIpv4Prefix();

    @WithDefault("64")
    int multicastIpv6Prefix();

    /** Peers' foreground content port (same office), named in each same-office source. */
    @WithDefault("34760")
    int foregroundPort();

    /** Peers' background content port (from sub-offices), named in each upstream source. */
    @WithDefault("34750")
    int backgroundPort();

    /**
     * How long after a deployment is made the RVP election also counts the targeted peers that have not asked yet
     * (their notices are on the way): a sub-office that asks first waits for its parent office rather than pulling
     * the content through the parent's link, and an office's first asker waits for the peer first in download order
     * rather than pulling beside it. 0 turns this off.
     */
    @WithDefault("2m")
    Duration untoldWait();

    /** Where SOURCE_PLAN datagrams go: the peer's small-message port. */
    @WithDefault("34325")
    int peerPort();

    /** The peer's large-message port (foreground), for a plan that does not fit one datagram. */
    @WithDefault("34337")
    int peerLargeMessagePort();

    /** How long one GetPlanningState call to metadata-service may take. */
    @WithDefault("2s")
    Duration metadataDeadline();

    default PlannerSettings settings() {
        return new PlannerSettings(freeStorageBucketBytes(), Set.copyOf(seedDeviceIds().orElse(List.of())), maxSources(), waitRetry(),
                blockedRetry(), multicastSessionDelay(), multicastIpv4Prefix(), multicastIpv6Prefix(), foregroundPort(), backgroundPort(),
                untoldWait());
    }
}
