package dev.cascade.activation.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** activation-service settings under {@code cascade.activation}; documented in docs/operations.md. */
@ConfigMapping(prefix = "cascade.activation")
public interface ActivationConfig {

    /**
     * The key file (protocol.md §3) the local stack's gateway and agents watch. Read once, when the
     * database holds no keys yet (the installation keys); written after every change of the key ring
     * and at start. Without it the keys live in the database only (gateways poll gRPC GetKeyRing).
     */
    Optional<Path> keyFile();

    /** How long a rotated-out key still verifies. */
    @WithDefault("7d")
    Duration keyGrace();

    /** How often retired keys whose grace ended are dropped, the key file is brought up to date and the gauges refreshed ({@code off} disables it). */
    @WithDefault("1m")
    String maintenanceEvery();

    /** A client heard from within this is an active client (SERVER_STATUS). */
    @WithDefault("3m")
    Duration heartbeatTtl();

    /**
     * A report from the same address with the same key moves a client's last-seen time only when it
     * is at least this much newer, so a fleet's heartbeats do not each cost a database write.
     */
    @WithDefault("30s")
    Duration lastSeenResolution();

    /** CLIENT_ACTIVATION is sent to one device at most this often when it keeps reporting with an old fleet key. */
    @WithDefault("1m")
    Duration clientResend();

    /** The peers' small-message port, where CLIENT_ACTIVATION goes. */
    @WithDefault("34325")
    int peerPort();

    /** The peers' large-message port (a CLIENT_ACTIVATION always fits one datagram; named for the gateway's sake). */
    @WithDefault("34337")
    int peerLargeMessagePort();

    /** The version this server reports in ACTIVATION_RESULT and SERVER_STATUS (the connector checks it against its range). */
    @WithDefault("1.0.0")
    String serverVersion();

    /** The client versions the server supports (reported in SERVER_STATUS; the gateway enforces its own setting). */
    Range supportedClientVersions();

    /** The connector versions the server supports (reported in SERVER_STATUS). */
    Range supportedConnectorVersions();

    /** licensing-service's gRPC calls. */
    Licensing licensing();

    /** An inclusive range of versions MAJOR.MINOR.PATCH. */
    interface Range {
        @WithDefault("1.0.0")
        String min();

        @WithDefault("1.99.99")
        String max();
    }

    /** How ValidateLicenseKey and GetUsage are called. */
    interface Licensing {
        /** One call's deadline. */
        @WithDefault("2s")
        Duration deadline();

        /** Calls of ValidateLicenseKey before an ACTIVATE is answered "licensing-service unavailable". */
        @WithDefault("3")
        int attempts();

        /** The pause after the first failed call; it doubles after each further one. */
        @WithDefault("1s")
        Duration retryDelay();
    }
}
