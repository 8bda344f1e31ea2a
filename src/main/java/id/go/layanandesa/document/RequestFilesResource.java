package id.go.layanandesa.document;

import id.go.layanandesa.audit.AuditedRead;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading a request's files: the list, and each file's content. Scope as reading the request; viewers read none. */
@Path("/api/v1/requests/{id}/files")
@Tag(name = "Documents")
@RolesAllowed({Role.DESA_OFFICER_, Role.ADMIN_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
public class RequestFilesResource {

    static final String DISPOSITION = "`attachment` with the file's display name: `filename` in ASCII and `filename*` as given (RFC 6266)";

    @Inject
    Caller caller;

    @Inject
    DocumentService documents;

    @Inject
    BlobStore blobs;

    @GET
    @AuditedRead(request = "id")
    @Produces(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "listRequestFiles", summary = "A request's files: attachments and the result document",
            description = "The scans attached to its documents and the OPD's result document, in upload order, each with its SHA-256 "
                    + "and where to download it. The desa sees a result document once the request was completed with it. Small "
                    + "(a request holds at most `layanan.documents.max-files-per-request` files), so never paged. Recorded in the "
                    + "audit trail as a read of the request's personal data.")
    @APIResponse(responseCode = "200", description = "The files", content = @Content(schema = @Schema(implementation = DocumentViews.FileList.class)))
    @APIResponse(responseCode = "404", description = "No such request in your scope")
    public DocumentViews.FileList list(@PathParam("id") long id) {
        return documents.list(caller, id);
    }

    @GET
    @AuditedRead(request = "id")
    @Path("/{fileId}")
    @Produces({FileContent.PDF, FileContent.JPEG, FileContent.PNG, "application/problem+json"})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.RANGE_NOT_SATISFIABLE})
    @Operation(operationId = "downloadRequestFile", summary = "Download a file of a request",
            description = "Streams the file as it was uploaded, with its type by content. The ETag is its SHA-256 (If-None-Match "
                    + "answers 304); one byte range (`Range: bytes=0-1023`, `bytes=1024-`, `bytes=-500`) answers 206, so an "
                    + "interrupted download goes on where it stopped (with `If-Range` to be sure it is the same file). Nothing of "
                    + "it is kept by browsers or proxies (`Cache-Control: private, no-store`). Every download with content (200, "
                    + "206; not a 304) is recorded in the audit trail as a read of the request's personal data.")
    @APIResponse(responseCode = "200", description = "The whole file",
            headers = {@Header(name = "ETag", description = "The file's SHA-256, quoted"),
                    @Header(name = "Content-Disposition", description = DISPOSITION),
                    @Header(name = "Accept-Ranges", description = "`bytes`: ranges can be asked for")},
            content = {@Content(mediaType = FileContent.PDF), @Content(mediaType = FileContent.JPEG), @Content(mediaType = FileContent.PNG)})
    @APIResponse(responseCode = "206", description = "The range asked for",
            headers = {@Header(name = "ETag", description = "The file's SHA-256, quoted"),
                    @Header(name = "Content-Disposition", description = DISPOSITION),
                    @Header(name = "Accept-Ranges", description = "`bytes`"),
                    @Header(name = "Content-Range", description = "Which bytes of how many: `bytes 0-1023/348211`", required = true)},
            content = {@Content(mediaType = FileContent.PDF), @Content(mediaType = FileContent.JPEG), @Content(mediaType = FileContent.PNG)})
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match",
            headers = @Header(name = "ETag", description = "The file's SHA-256, quoted"))
    @APIResponse(responseCode = "404", description = "No such file of a request in your scope")
    @APIResponse(responseCode = "416", description = "The range lies outside the file",
            headers = @Header(name = "Content-Range", description = "`bytes */<length>`", required = true))
    public Response download(@PathParam("id") long id, @PathParam("fileId") long fileId,
                             @Parameter(description = "One byte range", example = "bytes=0-1023") @HeaderParam("Range") String range,
                             @Parameter(description = "Send the range only if the file still has this ETag") @HeaderParam("If-Range") String ifRange,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return Downloads.of(blobs, documents.file(caller, id, fileId), range, ifRange, ifNoneMatch);
    }
}
