package dev.cascade.metadata.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.metadata.catalog.Catalog;
import dev.cascade.metadata.catalog.Catalog.ContentPage;
import dev.cascade.metadata.catalog.ContentView;
import dev.cascade.metadata.statistics.StatisticsView;
import dev.cascade.metadata.statistics.TransferStatistics;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

@Path("/contents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "contents", description = "The content catalog (from the connector's app metadata) and transfer statistics")
public class ContentResource {

    @Inject
    Catalog catalog;

    @Inject
    TransferStatistics statistics;

    @GET
    @Operation(summary = "Contents of the catalog, a page at a time, ordered by content id (without piece hashes)")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ContentPage.class)))
    @APIResponse(responseCode = "400", description = "limit or offset out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ContentPage contents(
            @Parameter(description = "Contents per page, 1.." + QueryParameters.MAX_LIMIT) @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "Contents to skip") @QueryParam("offset") @DefaultValue("0") String offset) {
        return catalog.page(QueryParameters.limit(limit), QueryParameters.offset(offset));
    }

    @GET
    @Path("/{contentId}")
    @Operation(summary = "One content", description = "deployable is false, with notDeployableReason, until valid piece hashes are known. "
            + "pieces=true adds pieceHashes (hex, in piece order).")
    @APIResponse(responseCode = "200", description = "The content",
            content = @Content(schema = @Schema(implementation = ContentView.class)))
    @APIResponse(responseCode = "404", description = "No content has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ContentView content(@PathParam("contentId") String contentId,
            @Parameter(description = "true: include the piece hashes") @QueryParam("pieces") String pieces) {
        boolean withPieces = Boolean.TRUE.equals(QueryParameters.flag("pieces", pieces));
        return catalog.find(contentId, withPieces)
                .orElseThrow(() -> ApiError.of(Status.NOT_FOUND, "no content " + contentId + " in the catalog"));
    }

    @GET
    @Path("/{contentId}/statistics")
    @Operation(summary = "Transfer statistics of a content: bytes by source class, transfers and how they ended, per office and in total",
            description = "Source classes: SAME_OFFICE_PEER, PARENT_OFFICE_PEER (over the WAN), SEED (the content library), "
                    + "ORIGIN (CDN or file store). A transfer counts in the office its peer was in when it was reported; "
                    + "officeId null: peers without an office.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = StatisticsView.class)))
    @APIResponse(responseCode = "404", description = "No content has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StatisticsView statistics(@PathParam("contentId") String contentId) {
        if (catalog.find(contentId, false).isEmpty()) {
            throw ApiError.of(Status.NOT_FOUND, "no content " + contentId + " in the catalog");
        }
        return statistics.of(contentId);
    }
}
