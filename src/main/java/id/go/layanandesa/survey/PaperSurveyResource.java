package id.go.layanandesa.survey;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** The satisfaction survey (IKM) answered on paper at the desa, recorded by its officer. */
@Path("/api/v1/requests/{id}/survey")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Survey")
public class PaperSurveyResource {

    @Inject
    SurveyService surveys;

    @Inject
    Caller caller;

    @POST
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.SURVEY_ALREADY_ANSWERED, ProblemCode.SURVEY_NOT_OPEN})
    @RolesAllowed(Role.DESA_OFFICER_)
    @Idempotent
    @Operation(operationId = "recordPaperSurvey", summary = "Record a survey the citizen answered on paper at the desa",
            description = "For a completed or rejected request of the officer's desa, once per request (online or on paper).")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location", description = "The survey's state"),
            content = @Content(schema = @Schema(implementation = SurveyViews.Receipt.class)))
    @APIResponse(responseCode = "400", description = "A score is missing or not 1 to 4, or the comment is too long")
    @APIResponse(responseCode = "404", description = "No such request in your desa")
    @APIResponse(responseCode = "409", description = "SURVEY_ALREADY_ANSWERED, or SURVEY_NOT_OPEN while the request is not completed or rejected")
    public RestResponse<SurveyViews.Receipt> recordPaper(@PathParam("id") long id, @Valid @NotNull SurveyViews.Answer body) {
        SurveyViews.Receipt receipt = surveys.answerOnPaper(caller, id, body);
        return RestResponse.ResponseBuilder.<SurveyViews.Receipt>created(URI.create("/api/v1/tracking/" + receipt.trackingCode() + "/survey"))
                .entity(receipt).build();
    }

}
