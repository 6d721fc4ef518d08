package dev.cascade.licensing.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.contracts.v1.LicenseUsageWarning;
import dev.cascade.licensing.service.LicenseBook;
import dev.cascade.licensing.service.LicenseBook.Imported;
import dev.cascade.licensing.service.LicenseBook.LicenseView;
import dev.cascade.licensing.service.SeatService;
import dev.cascade.licensing.service.SeatService.UsageView;
import dev.cascade.licensing.service.UsageWarningHistory;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/licenses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "licenses", description = "License files, usage and usage warnings")
public class LicenseResource {

    @Inject
    LicenseBook licenses;

    @Inject
    SeatService seats;

    @Inject
    UsageWarningHistory warnings;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import a license file",
            description = "The body is the license file (docs/licensing.md). It is verified (format, signing key, signature, "
                    + "validity period) and kept; the active license (the valid one issued last) sets the purchased seats, "
                    + "in the same transaction. Importing the same file again changes nothing (200).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "201", description = "Imported")
    @APIResponse(responseCode = "200", description = "This file was imported before; nothing changed")
    @APIResponse(responseCode = "400", description = "Not a license file (reason MALFORMED; the message names the field)")
    @APIResponse(responseCode = "422", description = "Refused: reason UNKNOWN_SIGNING_KEY, TAMPERED, NOT_YET_VALID or EXPIRED")
    public Response importLicense(String file) {
        Imported imported = licenses.importFile(file);
        return Response.status(imported.created() ? Response.Status.CREATED : Response.Status.OK).entity(imported.license()).build();
    }

    @GET
    @Operation(summary = "Every imported license, the newest import first", description = "`active` marks the one that counts.")
    public List<LicenseView> history() {
        return licenses.history();
    }

    @GET
    @Path("/current")
    @Operation(summary = "The active license: among valid imported files, the one issued last")
    @APIResponse(responseCode = "404", description = "No valid license: every seat is overage")
    public LicenseView current() {
        return licenses.current().orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND,
                "no valid license: none was imported, or every imported license expired"));
    }

    @GET
    @Path("/usage")
    @Operation(summary = "Seats used, purchased and overage",
            description = "One seat per installed client. Overage is never blocked; it is reported here and billed.")
    public UsageView usage() {
        return seats.usage();
    }

    @GET
    @Path("/warnings")
    @Operation(summary = "Usage warnings (90 % and 100 % of purchased seats), the newest first",
            description = "The same warnings are published on Kafka topic cascade.licensing.usage-warnings.")
    public List<WarningView> warnings(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "limit is " + limit + ", expected 1 to 1000");
        }
        return warnings.recent(limit).stream().map(WarningView::of).toList();
    }

    /** A usage warning as the API shows it. */
    public record WarningView(String eventId, int thresholdPercent, long seatsUsed, long seatsPurchased, String licenseKey,
            String customer, java.time.Instant occurredAt) {

        static WarningView of(LicenseUsageWarning w) {
            return new WarningView(w.getEventId(), w.getThresholdPercent(), w.getSeatsUsed(), w.getSeatsPurchased(),
                    w.getLicenseKey().isEmpty() ? null : w.getLicenseKey(), w.getCustomer().isEmpty() ? null : w.getCustomer(),
                    java.time.Instant.ofEpochMilli(w.getOccurredAtUnixMs()));
        }
    }
}
