package dev.cascade.topology.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** topology-service settings under {@code cascade.topology}. */
@ConfigMapping(prefix = "cascade.topology")
public interface TopologyConfig {

    /** How often a replica compares the stored topology revision with its snapshot (read by the scheduler as text, e.g. "5s"). */
    @WithDefault("5s")
    String refreshEvery();

    /** How long listing every registered peer from metadata-service may take. */
    @WithDefault("30s")
    Duration peersDeadline();

    /**
     * The server's IP address, optionally with its subnet's prefix length ({@code 10.0.0.10/16}).
     * When set, an imported or edited topology must hold it in the central office (seed 001), and the
     * detected topology gives the central office its subnet (when the prefix length is given).
     */
    Optional<ServerAddress> serverIp();
}
