package dev.cascade.topology.rest;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.cascade.topology.client.RegisteredPeers.PeersUnavailable;
import dev.cascade.topology.model.InvalidTopologyException;
import dev.cascade.topology.service.TopologyConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** How the errors a user can cause become {@link ApiError} answers, for every resource of the service. */
public class ErrorResponses {

    /** A sheet or an office edit that does not make a valid topology: every problem, nothing changed. */
    @ServerExceptionMapper
    public Response invalid(InvalidTopologyException e) {
        return ApiError.response(ApiError.UNPROCESSABLE, "nothing was changed: " + e.getMessage(), e.problems());
    }

    @ServerExceptionMapper
    public Response conflict(TopologyConflictException e) {
        return ApiError.response(Status.CONFLICT.getStatusCode(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response peersUnavailable(PeersUnavailable e) {
        return ApiError.response(Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage(), List.of());
    }
}
