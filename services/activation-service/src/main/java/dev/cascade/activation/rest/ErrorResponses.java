package dev.cascade.activation.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.cascade.activation.service.AdminRotations.NotActivatedException;
import jakarta.ws.rs.core.Response;

/** How the errors an admin can cause become {@link ApiError} answers. */
public class ErrorResponses {

    /** A rotation before activation: 409, nothing changed. */
    @ServerExceptionMapper
    public Response notActivated(NotActivatedException e) {
        return ApiError.response(Response.Status.CONFLICT, e.getMessage() + "; nothing changed");
    }

    /** A query parameter out of range (page, size): 400 naming it. */
    @ServerExceptionMapper
    public Response badParameter(IllegalArgumentException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
