package dev.cascade.licensing.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.licensing.service.SeatService;
import dev.cascade.licensing.service.SeatService.SeatView;
import dev.cascade.licensing.service.SeatService.UsageView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/licenses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "licenses", description = "Seats and license usage")
public class LicenseResource {

    @Inject
    SeatService seats;

    @GET
    @Path("/usage")
    @Operation(summary = "Seats used, purchased and overage",
            description = "One seat per installed client. Overage is never blocked; it is reported here and billed.")
    public UsageView usage() {
        return seats.usage();
    }

    @GET
    @Path("/seats/{deviceId}")
    @Operation(summary = "The seat held by one device")
    @APIResponse(responseCode = "404", description = "The device holds no seat")
    public SeatView seat(@PathParam("deviceId") String deviceId) {
        return seats.seatOf(deviceId)
                .orElseThrow(() -> new NotFoundException("device " + deviceId + " holds no seat"));
    }
}
