package dev.cascade.topology.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.cascade.topology.model.TopologyProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error this API returns: the HTTP status, a sentence naming the input, and
 * for a topology that is not valid every problem found.
 *
 * @param problems each with its row and column (for a sheet), the offices involved and a code; empty
 *                 when the error is not about a topology's content
 */
public record ApiError(int status, String message,
        @Schema(description = "Every problem found, in row order; empty unless a sheet or office was refused")
        List<TopologyProblem> problems) {

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** HTTP 422: the request is well-formed, but its content is refused. */
    public static final int UNPROCESSABLE = 422;

    public static WebApplicationException of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    public static WebApplicationException of(int status, String message) {
        return new WebApplicationException(message, response(status, message, List.of()));
    }

    static Response response(int status, String message, List<TopologyProblem> problems) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, message, problems)).build();
    }
}
