package dev.cascade.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the wire keys come from, {@code cascade.keys.*}: exactly one of a key file (re-read when it
 * changes), comma-separated {@code <id>:<base64>} lists, or activation-service's key ring (polled over
 * gRPC). Two sources, or none, is a startup error naming them ({@link KeySource#choose}).
 */
@ConfigMapping(prefix = "cascade.keys")
public interface KeysConfig {

    Optional<Path> file();

    Optional<String> fleet();

    Optional<String> connector();

    /** {@code host:port} of activation-service's gRPC API (GetKeyRing). */
    Optional<String> activationService();

    /** How often activation-service's key ring is asked for; a changed revision replaces the keys. */
    @WithDefault("5s")
    Duration pollInterval();

    /** How long startup waits for the first key ring before going on not ready (and still polling). */
    @WithDefault("30s")
    Duration startupWait();

    /** Deadline of one GetKeyRing call. */
    @WithDefault("3s")
    Duration requestTimeout();
}
