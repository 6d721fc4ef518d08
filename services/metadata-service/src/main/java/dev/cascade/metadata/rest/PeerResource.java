package dev.cascade.metadata.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.metadata.client.SeatLookup;
import dev.cascade.metadata.service.DeviceId;
import dev.cascade.metadata.service.PeerDirectory;
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
@Tag(name = "peers", description = "The peer registry")
public class PeerResource {

    private static final int MAX_LIMIT = 500;

    @Inject
    PeerDirectory directory;

    @Inject
    SeatLookup seats;

    @GET
    @Operation(summary = "Registered peers, a page at a time, ordered by device id")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = PeerPage.class)))
    @APIResponse(responseCode = "400", description = "limit or offset out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PeerPage peers(
            @Parameter(description = "Only the peers of this office") @QueryParam("officeId") String officeId,
            @Parameter(description = "Peers per page, 1.." + MAX_LIMIT) @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "Peers to skip") @QueryParam("offset") @DefaultValue("0") String offset) {
        int pageSize = number("limit", limit, 1, MAX_LIMIT);
        int skip = number("offset", offset, 0, Integer.MAX_VALUE - MAX_LIMIT);
        return directory.page(officeId == null || officeId.isBlank() ? null : officeId, pageSize, skip);
    }

    @GET
    @Path("/count")
    @Operation(summary = "How many peers are registered, and how many registered within the peer TTL")
    public PeerCount count() {
        return directory.count();
    }

    @GET
    @Path("/{deviceId}")
    @Operation(summary = "One peer: its attributes, its office and its license",
            description = "office is null while topology-service has not placed the peer (officeResolution \"pending\"). "
                    + "license is asked from licensing-service now; its state is UNKNOWN, with a detail, when licensing-service cannot answer.")
    @APIResponse(responseCode = "200", description = "The peer",
            content = @Content(schema = @Schema(implementation = PeerView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No peer has registered with this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PeerView peer(@PathParam("deviceId") String deviceId) {
        String id;
        try {
            id = DeviceId.canonical(deviceId);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(Status.BAD_REQUEST, e.getMessage());
        }
        PeerView peer = directory.find(id)
                .orElseThrow(() -> ApiError.of(Status.NOT_FOUND, "no peer has registered with device id " + id));
        return peer.withLicense(seats.licenseOf(id));
    }

    private static int number(String name, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw outOfRange(name, text, min, max);
        }
        if (value < min || value > max) {
            throw outOfRange(name, text, min, max);
        }
        return value;
    }

    private static RuntimeException outOfRange(String name, String text, int min, int max) {
        return ApiError.of(Status.BAD_REQUEST, name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
