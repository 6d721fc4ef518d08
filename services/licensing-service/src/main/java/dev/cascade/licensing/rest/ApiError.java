package dev.cascade.licensing.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error this API returns.
 *
 * @param reason for a refused license file: MALFORMED, UNKNOWN_SIGNING_KEY, TAMPERED, NOT_YET_VALID or
 *               EXPIRED; otherwise null
 */
public record ApiError(int status,
        @Schema(description = "Why a license file was refused: MALFORMED, UNKNOWN_SIGNING_KEY, TAMPERED, NOT_YET_VALID, EXPIRED")
        String reason,
        String message) {

    /** HTTP 422: the request is well-formed, but its content is refused. */
    public static final int UNPROCESSABLE = 422;

    public static WebApplicationException of(Response.Status status, String message) {
        return new WebApplicationException(message, response(status.getStatusCode(), null, message));
    }

    static Response response(int status, String reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, reason, message)).build();
    }
}
