package dev.cascade.topology.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologySheetWriter;
import dev.cascade.topology.service.TopologyDetection;
import dev.cascade.topology.service.TopologyImport;
import dev.cascade.topology.service.TopologyStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * The topology as a spreadsheet (docs/topology-format.md): upload one (dry run or apply), download
 * the current one, or download the one proposed from the registered peers' subnets.
 */
@Path("/topology")
@Tag(name = "topology", description = "The topology spreadsheet: import (dry run, apply), export, detected topology")
public class TopologyResource {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    TopologyImport imports;

    @Inject
    TopologyStore store;

    @Inject
    TopologyDetection detection;

    @POST
    @Path("/import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a topology spreadsheet: dry run (the default) or apply",
            description = "The body is the file, CSV or XLSX (Content-Type text/csv, " + XLSX + ", or anything else such as"
                    + " application/octet-stream to tell the format from the file's first bytes), at most 32 MiB."
                    + " The sheet is checked whole: any problem and nothing changes (422 with every problem, each with"
                    + " its row and column). Otherwise the answer is the diff against the stored topology: offices added,"
                    + " removed and changed (field by field, old and new value), and the registered peers that would move"
                    + " office, with the reason. The peers come from metadata-service; when it is unavailable the import"
                    + " still answers (and applies), with peerMoves null and peerMovesUnavailable saying why."
                    + " A dry run changes nothing and reports the current revision: apply with expectedRevision set to it"
                    + " to apply exactly that diff (409 if the topology changed in between). An applied sheet that changes"
                    + " nothing records no revision and publishes no event.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "The diff; applied unless dryRun",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "dryRun or expectedRevision is not readable",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "expectedRevision is not the stored revision: run the dry run again",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The body is over the HTTP server's limit (64 MiB)")
    @APIResponse(responseCode = "422", description = "The sheet has problems (every one listed, with row and column), is"
            + " damaged, or is over the sheet limits; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ImportReport importSheet(
            @Parameter(description = "true (default): only report the diff; false: apply it") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "When applying: the revision the dry run reported; refused with 409 if the topology"
                    + " has changed since") @QueryParam("expectedRevision") String expectedRevision,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        boolean dry = flag("dryRun", dryRun, true);
        Long expected = revision(expectedRevision);
        return ImportReport.of(imports.run(body, declaredFormat(contentType), dry, expected));
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", XLSX})
    @Operation(summary = "Download the current topology as a spreadsheet",
            description = "The sheet an import reads: the central office first, then each office followed by its"
                    + " sub-offices. File name topology-r<revision>.csv or .xlsx. Importing it unchanged changes nothing.")
    @APIResponse(responseCode = "200", description = "The spreadsheet, as an attachment",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "format is not csv or xlsx",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "XLSX only: an office's subnets exceed an Excel cell (export as CSV)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response export(@Parameter(description = "csv (default) or xlsx") @QueryParam("format") String format) {
        SheetFormat sheet = sheetFormat(format, false);
        TopologyStore.Current current = store.current();
        return sheet(current.topology(), sheet, "topology-r" + current.revision());
    }

    @GET
    @Path("/detected")
    @Produces({"text/csv", XLSX, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the topology proposed from the registered peers' subnets",
            description = "The current topology plus one Standard office under the central office for each subnet that"
                    + " registered peers report and no office holds (seed 001), named after the subnet. Download it, correct"
                    + " types, hierarchy and names, and upload it. format=json shows the proposal with the added office ids"
                    + " and notes (peers without a usable subnet mask, the server's subnet). The peers come from"
                    + " metadata-service: 503 when it is unavailable.")
    @APIResponse(responseCode = "200", description = "The proposal: a spreadsheet attachment (csv, xlsx) or JSON",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DetectedReport.class))})
    @APIResponse(responseCode = "400", description = "format is not csv, xlsx or json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "metadata-service could not list the registered peers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response detected(@Parameter(description = "csv (default), xlsx or json") @QueryParam("format") String format) {
        SheetFormat sheet = sheetFormat(format, true);
        TopologyDetection.Detected detected = detection.propose();
        if (sheet == null) {
            return Response.ok(DetectedReport.of(detected), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return sheet(detected.proposal().topology(), sheet, "topology-detected-r" + detected.basedOnRevision());
    }

    private static Response sheet(Topology topology, SheetFormat format, String baseName) {
        byte[] bytes;
        try {
            bytes = TopologySheetWriter.toBytes(topology, format);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(ApiError.UNPROCESSABLE, e.getMessage());
        }
        String type = format == SheetFormat.CSV ? "text/csv; charset=UTF-8" : format.mediaType();
        return Response.ok(bytes, type)
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "." + format.extension() + "\"")
                .build();
    }

    /** CSV or XLSX as the request declares it; null (tell from the content) for any other or no type. */
    private static SheetFormat declaredFormat(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "application/csv" -> SheetFormat.CSV;
            case XLSX -> SheetFormat.XLSX;
            default -> null;
        };
    }

    /** The format a query parameter names; null for json where {@code json} is allowed. */
    private static SheetFormat sheetFormat(String format, boolean json) {
        String name = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "csv" -> SheetFormat.CSV;
            case "xlsx" -> SheetFormat.XLSX;
            case "json" -> {
                if (json) {
                    yield null;
                }
                throw badFormat(format, false);
            }
            default -> throw badFormat(format, json);
        };
    }

    private static RuntimeException badFormat(String format, boolean json) {
        return ApiError.of(Status.BAD_REQUEST, "format '" + format + "' is not known: expected csv or xlsx"
                + (json ? " or json" : ""));
    }

    private static boolean flag(String name, String value, boolean absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.of(Status.BAD_REQUEST, "query parameter '" + name + "' is '" + value
                    + "': expected true or false");
        };
    }

    private static Long revision(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("[0-9]{1,18}")) {
            throw ApiError.of(Status.BAD_REQUEST, "query parameter 'expectedRevision' is '" + value
                    + "': expected the revision a dry run reported (a whole number of at least 0)");
        }
        return Long.parseLong(value.strip());
    }
}
