package dev.cascade.gateway.rest;

import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.gateway.config.GatewayIdentity;
import dev.cascade.gateway.config.GatewayKeys;
import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.gateway.udp.GatewaySockets;
import dev.cascade.wire.WireKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/gateway")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gateway", description = "The UDP gateway replica")
public class GatewayStatusResource {

    @Inject
    GatewayIdentity identity;
    @Inject
    GatewaySockets sockets;
    @Inject
    GatewayKeys keys;
    @Inject
    SupportedVersions versions;

    @GET
    @Path("/status")
    @Operation(summary = "This gateway's id, bound UDP ports, loaded keys and supported versions",
            description = "Keys are listed by id and purpose only; secrets are never returned.")
    public GatewayStatus status() {
        List<GatewayStatus.UdpPort> ports = sockets.all().stream()
                .flatMap(socket -> socket.boundAddress().stream().map(address -> new GatewayStatus.UdpPort(
                        socket.name(), address.getAddress().getHostAddress(), address.getPort())))
                .toList();
        List<GatewayStatus.KeyView> keyViews = keys.ring().all().stream()
                .sorted(Comparator.comparingLong(WireKey::id))
                .map(key -> new GatewayStatus.KeyView(key.id(), key.purpose().name(),
                        key.notAfter() == null ? null : key.notAfter().toString()))
                .toList();
        return new GatewayStatus(identity.id(), identity.serverId().toString(), ports,
                keys.source(), keys.revision().map(Long::toUnsignedString).orElse(null), keyViews,
                new GatewayStatus.VersionRangeView(versions.protocol().getMin(), versions.protocol().getMax()),
                new GatewayStatus.VersionRangeView(versions.client().min(), versions.client().max()));
    }
}
