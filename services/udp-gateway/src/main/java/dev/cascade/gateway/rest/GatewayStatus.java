package dev.cascade.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What this gateway replica serves. Key ids and purposes only: secrets never leave the key ring. */
@Schema(description = "The gateway replica, its UDP ports, loaded key ids and supported versions")
public record GatewayStatus(
        @Schema(description = "Name of this replica (cascade.gateway.id), as in every event's gateway_id") String gatewayId,
        @Schema(description = "UUID this replica sends its replies as") String serverId,
        List<UdpPort> udpPorts,
        @Schema(description = "Where the keys come from: the key file path, 'properties', or "
                + "'activation-service at host:port'") String keySource,
        @Schema(description = "Revision of activation-service's key ring in force; null for the other sources or "
                + "before the first ring") String keyRingRevision,
        List<KeyView> keys,
        VersionRangeView supportedProtocolVersions,
        VersionRangeView supportedClientVersions) {

    public record UdpPort(@Schema(description = "small-messages, small-replies, large-replies-foreground, "
            + "large-messages-foreground, large-replies-background, large-messages-background or control") String name,
                          String host, int port) {
    }

    public record KeyView(long id,
                          @Schema(description = "FLEET (peers) or CONNECTOR") String purpose,
                          @Schema(description = "End of the grace period of a rotated-out key; null for a current key")
                          String retiredUntil) {
    }

    public record VersionRangeView(String min, String max) {
    }
}
