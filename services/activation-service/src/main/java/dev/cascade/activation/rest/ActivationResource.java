package dev.cascade.activation.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.activation.entity.ClientEntity;
import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.activation.service.AdminRotations;
import dev.cascade.activation.service.AdminRotations.FleetKeyRotated;
import dev.cascade.activation.service.AdminRotations.SharedKeyRotated;
import dev.cascade.activation.service.ServerActivations;
import dev.cascade.wire.KeyPurpose;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/activation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "activation", description = "Server activation, the shared security key, the fleet key and the clients")
public class ActivationResource {

    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    ServerActivations activations;

    @Inject
    KeyAuthority keys;

    @Inject
    AdminRotations rotations;

    @GET
    @Operation(summary = "Whether the server is activated, as which server, and the ids of the current and retired keys (no secrets)")
    public ActivationView state() {
        KeyAuthority.Ring ring = keys.ring();
        List<ActivationView.RetiredKey> retired = ring.keys().stream().filter(k -> !k.current())
                .map(k -> new ActivationView.RetiredKey(k.id(), k.familyName(), k.retiredUntil())).toList();
        long connector = ring.current(KeyPurpose.CONNECTOR).map(StoredKey::id).orElse(0L);
        long fleet = ring.current(KeyPurpose.FLEET).map(StoredKey::id).orElse(0L);
        return activations.current()
                .map(a -> new ActivationView(true, a.serverName(), a.serverIp(), a.customer(), a.activatedAt(), connector, fleet, retired,
                        ring.revision()))
                .orElseGet(() -> new ActivationView(false, null, null, null, null, connector, fleet, retired, ring.revision()));
    }

    @POST
    @Path("/shared-key")
    @Operation(summary = "Generate a new shared security key (the connector key). The response shows it once, as <id>:<base64>; "
            + "the previous key verifies until previousKeyValidUntil")
    @APIResponse(responseCode = "200", description = "The new key")
    @APIResponse(responseCode = "409", description = "The server is not activated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public SharedKeyRotated rotateSharedKey() {
        return rotations.rotateSharedKey();
    }

    @POST
    @Path("/fleet-key")
    @Operation(summary = "Generate a new fleet key and send it to every known client (CLIENT_ACTIVATION); "
            + "the previous key verifies until previousKeyValidUntil")
    @APIResponse(responseCode = "200", description = "The new key's id and how many clients it was sent to")
    @APIResponse(responseCode = "409", description = "The server is not activated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public FleetKeyRotated rotateFleetKey() {
        return rotations.rotateFleetKey();
    }

    @GET
    @Path("/clients")
    @Transactional
    @Operation(summary = "Known clients by device id: address, the fleet key they last used (current or not), last seen")
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ClientPage clients(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ", was " + size);
        }
        long current = keys.current(KeyPurpose.FLEET).map(StoredKey::id).orElse(0L);
        List<ClientPage.Client> items = ClientEntity.<ClientEntity>findAll(Sort.by("deviceId")).page(Page.of(page, size)).list().stream()
                .map(c -> new ClientPage.Client(c.deviceId, c.ip, c.keyId == null ? 0 : c.keyId, c.keyId != null && c.keyId == current,
                        c.lastSeenAt, c.activationSentAt))
                .toList();
        return new ClientPage(items, page, size, ClientEntity.count(), current);
    }
}
