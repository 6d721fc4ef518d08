package dev.cascade.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Who this gateway replica is: its name (in events) and its UUID (the sender id of its replies). */
public record GatewayIdentity(String id, UUID serverId) {

    public static GatewayIdentity of(String id, Optional<UUID> configuredServerId) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("cascade.gateway.id is empty; expected a name for this gateway replica");
        }
        // name-based, so a replica keeps its UUID across restarts and peers' replay windows stay valid
        UUID derived = UUID.nameUUIDFromBytes(("cascade-gateway:" + id).getBytes(StandardCharsets.UTF_8));
        return new GatewayIdentity(id, configuredServerId.orElse(derived));
    }
}
