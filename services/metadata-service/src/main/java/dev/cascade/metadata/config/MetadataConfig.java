package dev.cascade.metadata.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cascade.metadata")
public interface MetadataConfig {

    /** A peer is active while its last registration is younger than this. */
    @WithDefault("15m")
    Duration peerTtl();

    /** How long a call to topology-service or licensing-service may take before it counts as unavailable. */
    @WithDefault("2s")
    Duration grpcDeadline();

    OfficeRetry officeRetry();

    interface OfficeRetry {

        /** How often peers without an office are resolved again (read by the scheduler as text, e.g. "5s"). */
        @WithDefault("5s")
        String every();

        /** Peers resolved per run, oldest first. */
        @WithDefault("50")
        int batchSize();
    }
}
