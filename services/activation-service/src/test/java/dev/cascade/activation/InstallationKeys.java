package dev.cascade.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The installer's key file, written before the service starts (fleet key 5, connector key 7, ids the
 * service must count on from): activation-service imports it and writes it from then on.
 */
public final class InstallationKeys implements QuarkusTestResourceLifecycleManager {

    static final long FLEET_ID = 5;
    static final long CONNECTOR_ID = 7;

    static volatile Path file;
    static volatile WireKey fleet;
    static volatile WireKey connector;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("activation-keys");
            file = dir.resolve("keys.properties");
            fleet = new WireKey(FLEET_ID, KeyPurpose.FLEET, random(), null);
            connector = new WireKey(CONNECTOR_ID, KeyPurpose.CONNECTOR, random(), null);
            KeyFile.write(file, List.of(fleet, connector));
            return Map.of("cascade.activation.key-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the temporary directory is left for a failed test to be read
    }

    private static byte[] random() {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
