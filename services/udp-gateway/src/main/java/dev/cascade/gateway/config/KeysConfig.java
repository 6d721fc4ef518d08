package dev.cascade.gateway.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the wire keys come from, {@code cascade.keys.*}: a key file (takes precedence; re-read
 * when it changes) or comma-separated {@code <id>:<base64>} lists.
 */
@ConfigMapping(prefix = "cascade.keys")
public interface KeysConfig {

    Optional<Path> file();

    Optional<String> fleet();

    Optional<String> connector();
}
