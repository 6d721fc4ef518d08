package dev.cascade.activation.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every error this API returns. */
public record ApiError(int status, String message) {

    static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status.getStatusCode(), message))
                .build();
    }
}
