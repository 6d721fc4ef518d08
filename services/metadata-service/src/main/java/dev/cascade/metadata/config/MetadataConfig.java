package dev.cascade.metadata.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** metadata-service's settings ({@code cascade.metadata.*}); documented in docs/operations.md. */
@ConfigMapping(prefix = "cascade.metadata")
public interface MetadataConfig {

    /** A peer is active while its last REGISTER or HEARTBEAT is younger than this. */
    @WithDefault("3m")
    Duration heartbeatTtl();

    /** How long a call to topology-service or licensing-service may take before it counts as unavailable. */
    @WithDefault("2s")
    Duration grpcDeadline();

    /**
     * Deployments are accepted only after activation-service announced the server's activation
     * (ServerActivated): distribution starts after activation (seeds 000, 001).
     */
    @WithDefault("true")
    boolean requireActivation();

    /**
     * The seed peers (the central office's content library, `cascade-agent --seed`): every deployment's notice
     * goes to them too, once, so they know the content's pieces and can serve it. The same ids as
     * topology-service's {@code cascade.planner.seed-device-ids}.
     */
    Optional<List<String>> seedDeviceIds();

    /** The peers' port for small messages from the server (DEPLOYMENT_NOTICE). */
    @WithDefault("34325")
    int peerPort();

    /** The peers' port for large messages from the server (foreground). */
    @WithDefault("34337")
    int largeMessagePort();

    OfficeResolution officeResolution();

    ListPeers listPeers();

    Notices notices();

    Offices offices();

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

    /** DEPLOYMENT_NOTICE datagrams. */
    interface Notices {

        /** A peer that still holds nothing of a deployment's content is sent its notice again at most this often. */
        @WithDefault("10m")
        Duration resendAfter();
    }

    /** The office hierarchy read from topology-service (ListOffices) for office-subtree targets. */
    interface Offices {

        /** After a failed or outdated read, the hierarchy is not read again sooner than this. */
        @WithDefault("5s")
        Duration retryAfter();
    }
}
