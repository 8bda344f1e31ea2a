package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
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

/** The desa attaches scans (photos or PDFs) to the documents its request declares as ATTACHED. */
@Path("/api/v1/requests/{id}/documents/{code}")
@Tag(name = "Documents")
@RolesAllowed(Role.DESA_OFFICER_)
public class AttachmentResource {

    static final String FILE_PART = "The file: PDF, JPEG or PNG, recognised by its content (not its name or declared type, which "
            + "must agree with it when given); at most layanan.documents.max-file-size (5 MB)";

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    Uploads uploads;

    @Inject
    LayananConfig config;

    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Idempotent
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.DOCUMENT_NOT_ATTACHED,
            ProblemCode.TOO_MANY_FILES, ProblemCode.FILE_EMPTY, ProblemCode.FILE_TYPE_NOT_ACCEPTED, ProblemCode.FILE_TYPE_MISMATCH,
            ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "attachFile", summary = "Attach a scan or photo to a declared document",
            description = "While the request is SUBMITTED or NEEDS_INFO, the desa uploads a file for a document it declared as "
                    + "ATTACHED (several files per document are fine, e.g. both sides of a card; a request holds at most "
                    + "`layanan.documents.max-files-per-request`). The body is `multipart/form-data` with the file in the part "
                    + "`file`; a phone's camera photo is sent as it is. The file is refused (415) when it is empty or by its content "
                    + "none of PDF, JPEG, PNG, or when the part's type or the name's extension says otherwise; a body over the "
                    + "size limit is refused (413) on its Content-Length before it is read. Send an Idempotency-Key: a retry after a "
                    + "lost answer attaches once, and the same key with another file is refused (422). On a link that drops, use "
                    + "the resumable upload (`POST …/uploads`) instead.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = FilePart.class)))
    @APIResponse(responseCode = "201", description = "Attached; the request has a new version and a DOCUMENT_ATTACHED history entry",
            headers = @Header(name = "Location", description = "Where to download it"),
            content = @Content(schema = @Schema(implementation = DocumentViews.FileView.class)))
    @APIResponse(responseCode = "400", description = "The part `file` is missing")
    @APIResponse(responseCode = "404", description = "No such request in your desa, or it declares no such document")
    @APIResponse(responseCode = "409", description = "Not SUBMITTED or NEEDS_INFO, the document is not declared ATTACHED, or the request holds as many files as it may")
    @APIResponse(responseCode = "413", description = "The file is larger than the limit")
    @APIResponse(responseCode = "415", description = "Empty, of a type not taken, or not what it claims to be")
    public Response attach(@PathParam("id") long id, @Parameter(description = "Code of the declared document", example = "KK") @PathParam("code") String code,
                           @RestForm("file") FileUpload file) {
        FileContent.Received content = received(file, FileContent.SCANS, config);
        DocumentViews.FileView view = documents.attach(caller, id, code, content);
        return Response.created(URI.create(view.href())).entity(view).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/uploads")
    @Idempotent
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.DOCUMENT_NOT_ATTACHED,
            ProblemCode.TOO_MANY_FILES, ProblemCode.VALIDATION_FAILED, ProblemCode.PAYLOAD_TOO_LARGE})
    @Operation(operationId = "createAttachmentUpload", summary = "Start a resumable upload of a scan (tus 1.0 creation)",
            description = Uploads.PROTOCOL + " The checks of attaching run now, before any byte is sent, and again when the last "
                    + "byte arrives, when the file becomes the document's attachment as with `attachFile`.")
    @APIResponse(responseCode = "201", description = "Created: send the bytes with PATCH to Location",
            headers = {@Header(name = "Location", description = "The upload: HEAD, PATCH and DELETE it"),
                    @Header(name = "Tus-Resumable", description = "`1.0.0`"),
                    @Header(name = "Upload-Expires", description = "When an unfinished upload is dropped (RFC 9110 date)")})
    @APIResponse(responseCode = "400", description = "Upload-Length is missing or not a number, or Upload-Metadata is malformed")
    @APIResponse(responseCode = "404", description = "No such request in your desa, or it declares no such document")
    @APIResponse(responseCode = "409", description = "Not SUBMITTED or NEEDS_INFO, the document is not declared ATTACHED, or no room for another file")
    @APIResponse(responseCode = "413", description = "Upload-Length is over the file size limit")
    public Response createUpload(@PathParam("id") long id, @Parameter(description = "Code of the declared document", example = "KK") @PathParam("code") String code,
                                 @Parameter(description = "The file's size in bytes", required = true, example = "348211",
                                         schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @HeaderParam("Upload-Length") String length,
                                 @Parameter(description = Uploads.METADATA, example = "filename a2stZGVwYW4uanBn") @HeaderParam("Upload-Metadata") String metadata,
                                 @Parameter(description = "`1.0.0`", example = "1.0.0") @HeaderParam("Tus-Resumable") String tusResumable) {
        return uploads.create(caller, id, DocumentViews.FileKind.ATTACHMENT, code, length, metadata);
    }

    /** The received part, checked. */
    static FileContent.Received received(FileUpload file, java.util.Set<String> accepted, LayananConfig config) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "is required: send the file in the multipart part `file`");
        }
        return FileContent.inspect(file.uploadedFile(), file.contentType(), file.fileName(), accepted,
                config.documents().maxFileSize().asLongValue());
    }

    /** The multipart body, for the spec. */
    @Schema(name = "FilePart")
    public record FilePart(@Schema(type = SchemaType.STRING, format = "binary", description = FILE_PART) String file) {
    }
}
