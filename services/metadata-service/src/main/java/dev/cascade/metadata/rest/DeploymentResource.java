package dev.cascade.metadata.rest;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.metadata.deployment.DeploymentProgress;
import dev.cascade.metadata.deployment.DeploymentRequest;
import dev.cascade.metadata.deployment.DeploymentView;
import dev.cascade.metadata.deployment.Deployments;
import dev.cascade.metadata.deployment.Deployments.DeploymentPage;
import dev.cascade.metadata.deployment.InvalidDeploymentException;
import dev.cascade.metadata.deployment.OfficesUnavailableException;
import dev.cascade.metadata.deployment.ProgressTally;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

@Path("/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deployments", description = "Deploying a content to peers, and its progress")
public class DeploymentResource {

    @Inject
    Deployments deployments;

    @Inject
    DeploymentProgress progress;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy a content to all peers, an office with its sub-offices, or listed devices",
            description = "The target is a rule: peers that join the office later are targeted too. Targeted active peers "
                    + "that do not hold the content are sent a DEPLOYMENT_NOTICE now; others when they are next heard from.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong (unknown content, office or device; "
            + "PROXY without package-store devices; enforceProxyUntil before onlyProxyDevicesUntil, ...): message names it",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The content is not deployable yet (no piece hashes)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The target is an office and topology-service cannot tell the offices",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(DeploymentRequest request) {
        DeploymentView created;
        try {
            created = deployments.create(request);
        } catch (InvalidDeploymentException e) {
            throw ApiError.of(e.conflict() ? Status.CONFLICT : Status.BAD_REQUEST, e.getMessage());
        } catch (OfficesUnavailableException e) {
            throw unavailable(e);
        }
        return Response.created(URI.create("/deployments/" + created.deploymentId())).entity(created).build();
    }

    @GET
    @Operation(summary = "Deployments, newest first")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = DeploymentPage.class)))
    public DeploymentPage list(@Parameter(description = "Only the deployments of this content") @QueryParam("contentId") String contentId,
            @Parameter(description = "Deployments per page, 1.." + QueryParameters.MAX_LIMIT) @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "Deployments to skip") @QueryParam("offset") @DefaultValue("0") String offset) {
        return deployments.page(contentId == null || contentId.isBlank() ? null : contentId, QueryParameters.limit(limit),
                QueryParameters.offset(offset));
    }

    @GET
    @Path("/{deploymentId}")
    @Operation(summary = "One deployment")
    @APIResponse(responseCode = "200", description = "The deployment",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "404", description = "No deployment has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeploymentView deployment(@PathParam("deploymentId") String deploymentId) {
        return deployments.find(deploymentId).orElseThrow(() -> notFound(deploymentId));
    }

    @DELETE
    @Path("/{deploymentId}")
    @Operation(summary = "Cancel a deployment: it targets nobody from now on (no more notices; the planner refuses it)",
            description = "Cancelling a cancelled deployment changes nothing.")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No deployment has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response cancel(@PathParam("deploymentId") String deploymentId) {
        if (!deployments.cancel(deploymentId)) {
            throw notFound(deploymentId);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{deploymentId}/progress")
    @Operation(summary = "How far a deployment got: targeted peers by state, in total and per office",
            description = "pending: targeted, holding nothing yet; downloading; paused (pausedReasons: reason → peers); cached "
                    + "(every piece, not installed); installed; failed (failedReasons). The target rule is evaluated now.")
    @APIResponse(responseCode = "200", description = "The progress",
            content = @Content(schema = @Schema(implementation = ProgressTally.Progress.class)))
    @APIResponse(responseCode = "404", description = "No deployment has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The target is an office and topology-service cannot tell the offices",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProgressTally.Progress progress(@PathParam("deploymentId") String deploymentId) {
        try {
            return progress.of(deploymentId).orElseThrow(() -> notFound(deploymentId));
        } catch (OfficesUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static RuntimeException notFound(String deploymentId) {
        return ApiError.of(Status.NOT_FOUND, "no deployment " + deploymentId);
    }

    private static RuntimeException unavailable(OfficesUnavailableException e) {
        return ApiError.of(Status.SERVICE_UNAVAILABLE, "cannot read the offices from topology-service (" + e.getMessage()
                + "); try again");
    }
}
