package id.go.layanandesa.survey;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.tracking.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** The satisfaction survey (IKM) for the citizen, who has no account: the tracking code is the key. */
@Path("/api/v1/tracking/{code}/survey")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Survey")
public class SurveyResource {

    @Inject
    SurveyService surveys;

    @Inject
    RateLimiter limiter;

    @GET
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.RATE_LIMITED})
    @PermitAll
    @Operation(operationId = "getSurvey", summary = "Whether a request's survey can be answered, and its nine questions",
            description = "No account needed. OPEN once the request is completed or rejected and until it is answered. Counts "
                    + "against the same per-address limit as tracking.")
    @APIResponse(responseCode = "200", description = "The survey's state", content = @Content(schema = @Schema(implementation = SurveyViews.SurveyState.class)))
    @APIResponse(responseCode = "404", description = "No request has this code")
    @APIResponse(responseCode = "429", description = "Too many calls from this address; see Retry-After")
    public SurveyViews.SurveyState state(@Parameter(description = "The request's tracking code", example = "K7M2-QX9P-RT")
                                         @PathParam("code") String code, @Context HttpServerRequest request) {
        limiter.acquire(request);
        return surveys.state(code);
    }

    @POST
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.SURVEY_ALREADY_ANSWERED, ProblemCode.SURVEY_NOT_OPEN, ProblemCode.RATE_LIMITED})
    @PermitAll
    @Operation(operationId = "answerSurvey", summary = "Answer the satisfaction survey of a finished request",
            description = "No account needed: the tracking code is the citizen's key. Once per request, after it was completed "
                    + "or rejected: nine elements rated 1 to 4 and an optional comment. Counts against the same per-address "
                    + "limit as tracking.")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location", description = "The survey's state"),
            content = @Content(schema = @Schema(implementation = SurveyViews.Receipt.class)))
    @APIResponse(responseCode = "400", description = "A score is missing or not 1 to 4, or the comment is too long")
    @APIResponse(responseCode = "404", description = "No request has this code")
    @APIResponse(responseCode = "409", description = "SURVEY_ALREADY_ANSWERED, or SURVEY_NOT_OPEN while the request is not completed or rejected")
    @APIResponse(responseCode = "429", description = "Too many calls from this address; see Retry-After")
    public RestResponse<SurveyViews.Receipt> answer(@Parameter(description = "The request's tracking code", example = "K7M2-QX9P-RT")
                                                    @PathParam("code") String code, @Valid @NotNull SurveyViews.Answer body,
                                                    @Context HttpServerRequest request) {
        limiter.acquire(request);
        SurveyViews.Receipt receipt = surveys.answerOnline(code, body);
        return RestResponse.ResponseBuilder.<SurveyViews.Receipt>created(URI.create("/api/v1/tracking/" + receipt.trackingCode() + "/survey"))
                .entity(receipt).build();
    }
}
