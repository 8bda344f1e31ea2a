package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;

/** The OPD adds the document it produced (a PDF) to the request it works, then completes the request with it. */
@Path("/api/v1/queue/requests/{id}/result-document")
@Tag(name = "Documents")
@RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
public class ResultDocumentResource {

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    Uploads uploads;

    @Inject
    LayananConfig config;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Idempotent
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.TOO_MANY_FILES,
            ProblemCode.FILE_EMPTY, ProblemCode.FILE_TYPE_NOT_ACCEPTED, ProblemCode.FILE_TYPE_MISMATCH, ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "addResultDocument", summary = "Add the result document (PDF) of an IN_PROGRESS request",
            description = "The OPD that works the request uploads the document it produced (e.g. the signed akta as PDF) in the "
                    + "multipart part `file`, then completes the request naming it (`resultDocumentId` of `completeRequest`): it "
                    + "gets a verification code and its SHA-256 goes into the history. A new one replaces one added before that no "
                    + "completion took. PDF only, by content; same limits and idempotency as attaching scans.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = ResultPart.class)))
    @APIResponse(responseCode = "201", description = "Added; the request has a new version and a RESULT_ATTACHED history entry",
            headers = @Header(name = "Location", description = "Where to download it"),
            content = @Content(schema = @Schema(implementation = DocumentViews.FileView.class)))
    @APIResponse(responseCode = "400", description = "The part `file` is missing")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not IN_PROGRESS, in another OPD's queue now, or no room for another file")
    @APIResponse(responseCode = "413", description = "The file is larger than the limit")
    @APIResponse(responseCode = "415", description = "Empty, not a PDF, or not what it claims to be")
    public Response add(@PathParam("id") long id, @RestForm("file") FileUpload file) {
        FileContent.Received content = AttachmentResource.received(file, FileContent.RESULTS, config);
        DocumentViews.FileView view = documents.addResult(caller, id, content);
        return Response.created(URI.create(view.href())).entity(view).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/uploads")
    @Idempotent
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.TOO_MANY_FILES,
            ProblemCode.VALIDATION_FAILED, ProblemCode.PAYLOAD_TOO_LARGE})
    @Operation(operationId = "createResultUpload", summary = "Start a resumable upload of the result document (tus 1.0 creation)",
            description = Uploads.PROTOCOL + " When the last byte arrives the file becomes the request's result document as with "
                    + "`addResultDocument`.")
    @APIResponse(responseCode = "201", description = "Created: send the bytes with PATCH to Location",
            headers = {@Header(name = "Location", description = "The upload: HEAD, PATCH and DELETE it"),
                    @Header(name = "Tus-Resumable", description = "`1.0.0`"),
                    @Header(name = "Upload-Expires", description = "When an unfinished upload is dropped (RFC 9110 date)")})
    @APIResponse(responseCode = "400", description = "Upload-Length is missing or not a number, or Upload-Metadata is malformed")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not IN_PROGRESS, in another OPD's queue now, or no room for another file")
    @APIResponse(responseCode = "413", description = "Upload-Length is over the file size limit")
    public Response createUpload(@PathParam("id") long id,
                                 @Parameter(description = "The file's size in bytes", required = true, example = "348211",
                                         schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @HeaderParam("Upload-Length") String length,
                                 @Parameter(description = Uploads.METADATA, example = "filename YWt0YS5wZGY=") @HeaderParam("Upload-Metadata") String metadata,
                                 @Parameter(description = "`1.0.0`", example = "1.0.0") @HeaderParam("Tus-Resumable") String tusResumable) {
        return uploads.create(caller, id, DocumentViews.FileKind.RESULT, null, length, metadata);
    }

    @Schema(name = "ResultPart")
    public record ResultPart(@Schema(type = SchemaType.STRING, format = "binary",
            description = "The result document: a PDF, by its content; at most layanan.documents.max-file-size (5 MB)") String file) {
    }
}
