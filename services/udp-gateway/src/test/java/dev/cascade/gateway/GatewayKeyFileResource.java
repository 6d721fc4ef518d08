package dev.cascade.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cascade.wire.KeyFile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A fresh key file (fleet key id 1, connector key id 2) for the gateway under test: {@code cascade.keys.file}. */
public class GatewayKeyFileResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path file = Files.createTempDirectory("cascade-gateway-keys-").resolve("keys.properties");
            KeyFile.createIfMissing(file);
            return Map.of("cascade.keys.file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test key file", e);
        }
    }

    @Override
    public void stop() {
        // a temporary file; nothing holds it open
    }
}
