package dev.cascade.metadata.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.metadata.client.SeatLookup;
import dev.cascade.metadata.inventory.HoldingView;
import dev.cascade.metadata.inventory.Inventory;
import dev.cascade.metadata.service.DeviceId;
import dev.cascade.metadata.service.PeerDirectory;
import dev.cascade.metadata.service.PeerDirectory.OfficeCount;
import dev.cascade.metadata.service.PeerDirectory.PeerCount;
import dev.cascade.metadata.service.PeerDirectory.PeerPage;
import dev.cascade.metadata.service.PeerView;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

@Path("/peers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "peers", description = "The peer registry and what each peer holds")
public class PeerResource {

    @Inject
    PeerDirectory directory;

    @Inject
    SeatLookup seats;

    @Inject
    Inventory inventory;

    @GET
    @Operation(summary = "Registered peers, a page at a time, ordered by device id")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = PeerPage.class)))
    @APIResponse(responseCode = "400", description = "limit, offset or active out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PeerPage peers(
            @Parameter(description = "Only the peers of this office") @QueryParam("officeId") String officeId,
            @Parameter(description = "true: only peers heard from within the heartbeat TTL; false: only the others")
            @QueryParam("active") String active,
            @Parameter(description = "Peers per page, 1.." + QueryParameters.MAX_LIMIT) @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "Peers to skip") @QueryParam("offset") @DefaultValue("0") String offset) {
        int pageSize = QueryParameters.limit(limit);
        int skip = QueryParameters.offset(offset);
        return directory.page(officeId == null || officeId.isBlank() ? null : officeId, QueryParameters.flag("active", active),
                pageSize, skip);
    }

    @GET
    @Path("/count")
    @Operation(summary = "How many peers are registered, and how many were heard from (REGISTER or HEARTBEAT) within the heartbeat TTL")
    public PeerCount count() {
        return directory.count();
    }

    @GET
    @Path("/count/by-office")
    @Operation(summary = "Registered and active peers per office, by office id",
            description = "officeId null: peers whose office is not known (pending or unresolvable).")
    public List<OfficeCount> countByOffice() {
        return directory.countByOffice();
    }

    @GET
    @Path("/{deviceId}")
    @Operation(summary = "One peer: its attributes, liveness, office and license",
            description = "office is null while topology-service has not placed the peer (officeResolution \"pending\"). "
                    + "license is asked from licensing-service now; its state is UNKNOWN, with a detail, when licensing-service cannot answer.")
    @APIResponse(responseCode = "200", description = "The peer",
            content = @Content(schema = @Schema(implementation = PeerView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No peer has registered with this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PeerView peer(@PathParam("deviceId") String deviceId) {
        String id = canonical(deviceId);
        PeerView peer = directory.find(id)
                .orElseThrow(() -> ApiError.of(Status.NOT_FOUND, "no peer has registered with device id " + id));
        return peer.withLicense(seats.licenseOf(id));
    }

    @GET
    @Path("/{deviceId}/inventory")
    @Operation(summary = "What a peer holds, per content, as its newest inventory report said",
            description = "Empty for a peer that has not reported (also one not registered yet: reports may arrive first).")
    @APIResponse(responseCode = "200", description = "The holdings, by content id")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<HoldingView> inventory(@PathParam("deviceId") String deviceId) {
        return inventory.of(canonical(deviceId));
    }

    private static String canonical(String deviceId) {
        try {
            return DeviceId.canonical(deviceId);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(Status.BAD_REQUEST, e.getMessage());
        }
    }
}
