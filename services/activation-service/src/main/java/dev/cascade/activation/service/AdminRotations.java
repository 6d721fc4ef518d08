package dev.cascade.activation.service;

import java.time.Instant;

import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.KeyAuthority.Rotation;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.activation.service.ServerActivations.Activated;
import dev.cascade.wire.KeyPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The admins' rotations over REST: a new shared security key (shown once), a new fleet key (delivered to the clients). */
@ApplicationScoped
public class AdminRotations {

    @Inject
    KeyAuthority keys;

    @Inject
    ServerActivations activations;

    @Inject
    ClientActivations clients;

    /** Rotation before activation: activation makes the first keys of the server. */
    public static final class NotActivatedException extends RuntimeException {
        NotActivatedException(String what) {
            super("the server is not activated: " + what + " is rotated only after activation (the connector's ACTIVATE)");
        }
    }

    /**
     * @param key            the new key's text {@code <id>:<base64>}, shown this once
     * @param previousKeyId  0 when there was none
     */
    public record SharedKeyRotated(long keyId, String key, long previousKeyId, Instant previousKeyValidUntil) {
    }

    public record FleetKeyRotated(long keyId, long previousKeyId, Instant previousKeyValidUntil, int clientsSent) {
    }

    @Transactional
    public SharedKeyRotated rotateSharedKey() {
        activations.current().orElseThrow(() -> new NotActivatedException("the shared security key"));
        Rotation rotation = keys.rotate(KeyPurpose.CONNECTOR);
        return new SharedKeyRotated(rotation.created().id(), rotation.created().text(),
                rotation.retired().map(StoredKey::id).orElse(0L), rotation.retired().map(StoredKey::retiredUntil).orElse(null));
    }

    @Transactional
    public FleetKeyRotated rotateFleetKey() {
        Activated activation = activations.current().orElseThrow(() -> new NotActivatedException("the fleet key"));
        Rotation rotation = keys.rotate(KeyPurpose.FLEET);
        int sent = clients.sendToAll(rotation.created(), activation.serverName());
        return new FleetKeyRotated(rotation.created().id(), rotation.retired().map(StoredKey::id).orElse(0L),
                rotation.retired().map(StoredKey::retiredUntil).orElse(null), sent);
    }
}
