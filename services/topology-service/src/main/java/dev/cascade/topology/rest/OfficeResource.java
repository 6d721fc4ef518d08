package dev.cascade.topology.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.service.OfficeView;
import dev.cascade.topology.service.Resolution;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

@Path("/offices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offices", description = "Offices, their IP ranges, and IP-to-office resolution")
public class OfficeResource {

    @Inject
    OfficeDirectory directory;

    @GET
    @Operation(summary = "Every office with its ranges, ordered by id")
    public List<OfficeView> offices() {
        return directory.offices();
    }

    @GET
    @Path("/resolve")
    @Operation(summary = "The office an IP address belongs to, and why",
            description = "Longest-prefix match over every office range; the central office when no range holds the address.")
    @APIResponse(responseCode = "200", description = "The office and the reason",
            content = @Content(schema = @Schema(implementation = Resolution.class)))
    @APIResponse(responseCode = "400", description = "The address is missing or is not one IPv4 or IPv6 address",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Resolution resolve(@Parameter(description = "IPv4 or IPv6 address, e.g. 10.1.2.3 or 2001:db8::7")
            @QueryParam("ip") String ip) {
        if (ip == null || ip.isBlank()) {
            throw ApiError.of(Status.BAD_REQUEST, "query parameter 'ip' is required, e.g. /offices/resolve?ip=10.1.2.3");
        }
        try {
            return directory.resolve(ip);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(Status.BAD_REQUEST, e.getMessage());
        }
    }

    @GET
    @Path("/{officeId}")
    @Operation(summary = "One office with its ranges")
    @APIResponse(responseCode = "200", description = "The office",
            content = @Content(schema = @Schema(implementation = OfficeView.class)))
    @APIResponse(responseCode = "404", description = "No office has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OfficeView office(@PathParam("officeId") String officeId) {
        return directory.office(officeId)
                .orElseThrow(() -> ApiError.of(Status.NOT_FOUND, "office '" + officeId + "' does not exist"));
    }
}
