package id.go.layanandesa.document;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.tracking.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Anyone checks a printed or forwarded result document: by its verification code, and optionally the file's SHA-256. */
@Path("/api/v1/verification")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking")
@PermitAll
public class VerificationResource {

    @Inject
    DocumentService documents;

    @Inject
    RateLimiter limiter;

    @GET
    @Path("/{code}")
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.RATE_LIMITED, ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "verifyDocument", summary = "Verify a result document by its verification code",
            description = "No account needed. Shows what the document is (service, OPD, date, document number) and the SHA-256 of the "
                    + "genuine file, nothing personal. With `sha256` (of a copy one holds) it also says whether that copy is the "
                    + "genuine file. Limited per client address, together with tracking.")
    @APIResponse(responseCode = "200", description = "The document", content = @Content(schema = @Schema(implementation = DocumentViews.Verification.class)))
    @APIResponse(responseCode = "400", description = "sha256 is not 64 hex digits")
    @APIResponse(responseCode = "404", description = "No result document has this code")
    @APIResponse(responseCode = "429", description = "Too many look-ups from this address; see Retry-After")
    public DocumentViews.Verification verify(
            @Parameter(description = "As printed; case, spaces and dashes do not matter", example = "Q4TR-8XKM-2P") @PathParam("code") String code,
            @Parameter(description = "SHA-256 of a copy, hex", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            @QueryParam("sha256") @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits") String sha256,
            @Context HttpServerRequest request) {
        limiter.acquire(request);
        return documents.verify(code, sha256);
    }
}
