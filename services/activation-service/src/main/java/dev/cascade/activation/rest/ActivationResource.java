package dev.cascade.activation.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cascade.activation.service.ActivationStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/activation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "activation", description = "Server activation state")
public class ActivationResource {

    @Inject
    ActivationStatus status;

    @GET
    @Operation(summary = "Whether the server is activated, and as which server name and IP")
    public ActivationStatus.State state() {
        return status.state();
    }
}
