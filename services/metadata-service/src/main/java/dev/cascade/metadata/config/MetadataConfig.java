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

    OfficeResolution officeResolution();

    ListPeers listPeers();

    /** The job that gives peers an office when theirs is pending (topology-service was down) or stale (the topology changed). */
    interface OfficeResolution {

        /** How often it runs (read by the scheduler as text, e.g. "5s"). */
        @WithDefault("5s")
        String every();

        /** Addresses per ResolveOffices call; a run keeps calling until no pending or stale peer is left. */
        @WithDefault("500")
        int batchSize();
    }

    /** gRPC ListPeers. */
    interface ListPeers {

        /** Peers read from the database per query while streaming. */
        @WithDefault("500")
        int pageSize();
    }
}
