package dev.cascade.topology.rest;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.cascade.topology.client.PlanningStates.PlanningStateUnavailable;
import dev.cascade.topology.planner.ContentNotDeployedException;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.UnknownContentException;
import dev.cascade.topology.planner.UnknownPeerException;
import dev.cascade.topology.service.SourcePlanning;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** The source plan of one device for one content, for admins: where it would fetch from now, and why. */
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans", description = "The source planner: who downloads first, from whom, and why")
public class PlanResource {

    @Inject
    SourcePlanning planning;

    @GET
    @Blocking
    @Operation(summary = "Where a device gets a content now, and why",
            description = "The plan the device would receive if it asked now: its sources in order (same-office peers, parent-office"
                    + " peers over the WAN, the seed, the origin), what it should do (FETCH, WAIT for its office's RVP, BLOCKED) and an"
                    + " explanation of why these sources and why not the origin.")
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "device or content is missing",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No registered peer has the device id, or the catalog has no such content",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The content is not deployed to the device",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "metadata-service did not answer",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PlanView plan(@Parameter(description = "The device id (UUID)") @QueryParam("device") String device,
            @Parameter(description = "The content id (blob id)") @QueryParam("content") String content,
            @Parameter(description = "Device ids to leave out, as the device would after finding them unreachable")
            @QueryParam("avoid") List<String> avoid) {
        if (device == null || device.isBlank() || content == null || content.isBlank()) {
            throw ApiError.of(Status.BAD_REQUEST, "query parameters 'device' and 'content' are required, e.g."
                    + " /plans?device=3f2c...&content=firefox-128");
        }
        return PlanView.of(planning.plan(new PlanQuery(device.strip(), content.strip(), Set.copyOf(avoid == null ? List.of() : avoid))));
    }

    @ServerExceptionMapper
    public Response unknownPeer(UnknownPeerException e) {
        return ApiError.response(Status.NOT_FOUND.getStatusCode(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unknownContent(UnknownContentException e) {
        return ApiError.response(Status.NOT_FOUND.getStatusCode(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response notDeployed(ContentNotDeployedException e) {
        return ApiError.response(Status.CONFLICT.getStatusCode(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unavailable(PlanningStateUnavailable e) {
        return ApiError.response(Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage(), List.of());
    }
}
