package dev.cascade.licensing.rest;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.licensing.seat.ReleaseReason;
import dev.cascade.licensing.service.SeatService;
import dev.cascade.licensing.service.SeatService.SeatFilter;
import dev.cascade.licensing.service.SeatService.SeatListState;
import dev.cascade.licensing.service.SeatService.SeatPage;
import dev.cascade.licensing.service.SeatService.SeatView;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/seats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "seats", description = "One seat per installed client")
public class SeatResource {

    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    SeatService seats;

    @GET
    @Operation(summary = "Seats, oldest assignment first (the order that decides licensed and overage)",
            description = "state: held (default), released or all; q: a prefix of the device id or host name.")
    public SeatPage list(@QueryParam("state") @DefaultValue("held") String state, @QueryParam("q") String search,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        SeatListState listState;
        try {
            listState = SeatListState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "state is '" + state + "', expected held, released or all");
        }
        if (page < 0) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "page is " + page + ", expected 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "size is " + size + ", expected 1 to " + MAX_PAGE_SIZE);
        }
        return seats.seats(new SeatFilter(listState, search), page, size);
    }

    @GET
    @Path("/{deviceId}")
    @Operation(summary = "The seat held by one device")
    @APIResponse(responseCode = "404", description = "The device holds no seat")
    public SeatView seat(@PathParam("deviceId") String deviceId) {
        return seats.seatOf(deviceId).orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND,
                "device " + deviceId + " holds no seat"));
    }

    @DELETE
    @Path("/{deviceId}")
    @Operation(summary = "Release a seat by hand (the client was uninstalled or the device retired)",
            description = "Activity of the client received after the release takes a seat again; older activity, also "
                    + "delivered late, does not.")
    @APIResponse(responseCode = "200", description = "Released; the seat as it is now")
    @APIResponse(responseCode = "404", description = "The device holds no seat")
    public SeatView release(@PathParam("deviceId") String deviceId) {
        return seats.release(deviceId, ReleaseReason.RELEASED).orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND,
                "device " + deviceId + " holds no seat"));
    }
}
