package dev.cascade.licensing.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.cascade.licensing.license.LicenseRefusal;
import dev.cascade.licensing.license.LicenseRefusedException;
import jakarta.ws.rs.core.Response;

/** How the errors a user can cause become {@link ApiError} answers. */
public class ErrorResponses {

    /** A license file that is not one is 400; a license file that is refused for its content is 422. Nothing is imported. */
    @ServerExceptionMapper
    public Response refused(LicenseRefusedException e) {
        int status = e.reason() == LicenseRefusal.MALFORMED ? Response.Status.BAD_REQUEST.getStatusCode() : ApiError.UNPROCESSABLE;
        return ApiError.response(status, e.reason().name(), "license refused, nothing was imported: " + e.getMessage());
    }
}
