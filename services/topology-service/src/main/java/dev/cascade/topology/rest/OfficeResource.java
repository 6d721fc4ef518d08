package dev.cascade.topology.rest;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.topology.config.ServerAddress;
import dev.cascade.topology.config.TopologyConfig;
import dev.cascade.topology.model.InvalidTopologyException;
import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyProblem;
import dev.cascade.topology.model.TopologyValidator;
import dev.cascade.topology.service.ChangeTrigger;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.service.OfficeView;
import dev.cascade.topology.service.Resolution;
import dev.cascade.topology.service.TopologySnapshot;
import dev.cascade.topology.service.TopologyStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * Offices one at a time: read, resolve an address, create, replace, delete. An edit changes the
 * stored topology through the same validation as an import (every problem at once, HTTP 422, nothing
 * changed) and is published like one, with trigger OFFICE_EDIT. Reads come from the in-memory
 * snapshot, which an edit has replaced before it answers.
 */
@Path("/offices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offices", description = "Offices, their IP ranges, and IP-to-office resolution")
public class OfficeResource {

    @Inject
    OfficeDirectory directory;

    @Inject
    TopologyStore store;

    @Inject
    TopologyConfig config;

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
    @Operation(summary = "One office with its ranges and its path to the central office")
    @APIResponse(responseCode = "200", description = "The office",
            content = @Content(schema = @Schema(implementation = OfficeDetails.class)))
    @APIResponse(responseCode = "404", description = "No office has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OfficeDetails office(@PathParam("officeId") String officeId) {
        return details(officeId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an office",
            description = "The fields are a spreadsheet row's, read and validated by the same rules as an import, against"
                    + " the whole topology (ranges overlapping another office's, unknown parent, duplicate name, the"
                    + " server's address outside the central office, ...).")
    @APIResponse(responseCode = "201", description = "Created; the office as stored",
            content = @Content(schema = @Schema(implementation = OfficeDetails.class)))
    @APIResponse(responseCode = "409", description = "An office with this id exists already",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Not valid: every problem, with the column and offices involved; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(OfficeSpec spec) {
        OfficeDefinition office = required(spec).toOffice();
        store.edit(current -> {
            if (current.contains(office.id())) {
                throw ApiError.of(Status.CONFLICT, "office '" + office.id() + "' exists already: change it with PUT /offices/"
                        + office.id());
            }
            return checked(current.with(office));
        }, ChangeTrigger.OFFICE_EDIT);
        return Response.created(URI.create("/offices/" + office.id())).entity(details(office.id())).build();
    }

    @PUT
    @Path("/{officeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an office",
            description = "Every field is replaced (absent lists and flags become empty and false). Validated like"
                    + " a create; a new parent that would make a cycle is refused.")
    @APIResponse(responseCode = "200", description = "The office as stored",
            content = @Content(schema = @Schema(implementation = OfficeDetails.class)))
    @APIResponse(responseCode = "404", description = "No office has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Not valid (or the body names another id): every problem; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OfficeDetails replace(@PathParam("officeId") String officeId, OfficeSpec spec) {
        OfficeSpec body = required(spec);
        if (body.id() != null && !body.id().isBlank() && !body.id().strip().equals(officeId)) {
            throw ApiError.of(ApiError.UNPROCESSABLE, "the body's id '" + body.id().strip() + "' is not the path's '"
                    + officeId + "': an office's id cannot change (create the new office and delete the old one)");
        }
        OfficeDefinition office = new OfficeSpec(officeId, body.name(), body.type(), body.parentId(), body.ranges(),
                body.preferredRvps(), body.metered(), body.allowDirectCdn()).toOffice();
        store.edit(current -> {
            if (!current.contains(officeId)) {
                throw notFound(officeId);
            }
            return checked(current.with(office));
        }, ChangeTrigger.OFFICE_EDIT);
        return details(officeId);
    }

    @DELETE
    @Path("/{officeId}")
    @Operation(summary = "Delete an office",
            description = "The central office cannot be deleted, nor an office that still has sub-offices (they are named)."
                    + " The peers of a deleted office fall back to whatever holds their addresses now.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No office has this id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The central office, or an office with sub-offices",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("officeId") String officeId) {
        store.edit(current -> {
            OfficeDefinition office = current.office(officeId).orElseThrow(() -> notFound(officeId));
            if (office.isCentral()) {
                throw ApiError.of(Status.CONFLICT, "office '" + officeId + "' is the central office and cannot be deleted:"
                        + " to make another office the central one, import a topology");
            }
            List<OfficeDefinition> children = current.children(officeId);
            if (!children.isEmpty()) {
                throw ApiError.of(Status.CONFLICT, "office '" + officeId + "' has sub-offices "
                        + children.stream().map(child -> "'" + child.id() + "'").collect(Collectors.joining(", "))
                        + ": delete them or give them another parent first");
            }
            return checked(current.without(officeId));
        }, ChangeTrigger.OFFICE_EDIT);
        return Response.noContent().build();
    }

    private static OfficeSpec required(OfficeSpec spec) {
        if (spec == null) {
            throw ApiError.of(Status.BAD_REQUEST, "the request body must be an office as JSON, e.g. {\"id\": \"berlin\","
                    + " \"name\": \"Berlin\", \"type\": \"Standard\", \"parentId\": \"central\", \"ranges\": [\"10.2.0.0/16\"]}");
        }
        return spec;
    }

    /** {@code topology} once it also passes the check that needs the server's address (when configured). */
    private Topology checked(Topology topology) {
        String serverIp = config.serverIp().map(ServerAddress::ip).orElse(null);
        if (serverIp != null) {
            List<TopologyProblem> problems = new TopologyValidator(serverIp).validate(topology.offices());
            if (!problems.isEmpty()) {
                throw new InvalidTopologyException(problems);
            }
        }
        return topology;
    }

    private OfficeDetails details(String officeId) {
        TopologySnapshot snapshot = directory.snapshot();
        OfficeView office = snapshot.office(officeId).orElseThrow(() -> notFound(officeId));
        return OfficeDetails.of(office, snapshot.path(officeId).orElseThrow(), snapshot.revision());
    }

    private static RuntimeException notFound(String officeId) {
        return ApiError.of(Status.NOT_FOUND, "office '" + officeId + "' does not exist");
    }
}
