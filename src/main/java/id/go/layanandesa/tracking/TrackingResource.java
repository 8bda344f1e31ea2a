package id.go.layanandesa.tracking;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public tracking for citizens, who have no account. */
@Path("/api/v1/tracking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking")
@PermitAll
public class TrackingResource {

    @Inject
    TrackingService tracking;

    @Inject
    RateLimiter limiter;

    @GET
    @Path("/{code}")
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.RATE_LIMITED})
    @Operation(operationId = "trackRequest", summary = "Follow a request by its tracking code",
            description = "No account needed. Shows the service, status, OPD, dates and the status history with the OPD's "
                    + "public notes (what to bring, where to pick up); nothing personal and never the internal notes. Limited per "
                    + "client address.")
    @APIResponse(responseCode = "200", description = "The request's public state",
            content = @Content(schema = @Schema(implementation = TrackingView.class)))
    @APIResponse(responseCode = "404", description = "No request has this code")
    @APIResponse(responseCode = "429", description = "Too many look-ups from this address; see Retry-After")
    public TrackingView track(@Parameter(description = "As given to the citizen; case, spaces and dashes do not matter", example = "K7M2-QX9P-RT")
                              @PathParam("code") String code, @Context HttpServerRequest request) {
        limiter.acquire(request);
        return tracking.track(code);
    }
}
