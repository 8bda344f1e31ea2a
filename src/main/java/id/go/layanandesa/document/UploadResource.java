package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/** The uploads of tus 1.0 (see {@link Uploads}): where one stands, its bytes, and dropping it. Only its creator reaches it. */
@Path("/api/v1/uploads")
@Tag(name = "Documents")
public class UploadResource {

    @Inject
    Caller caller;

    @Inject
    Uploads uploads;

    @Inject
    LayananConfig config;

    @OPTIONS
    @PermitAll
    @Operation(operationId = "uploadCapabilities", summary = "What the resumable uploads support (tus 1.0 discovery)",
            description = "The tus version, extensions and the largest file, without credentials.")
    @APIResponse(responseCode = "204", description = "The capabilities",
            headers = {@Header(name = "Tus-Resumable", description = "`1.0.0`"),
                    @Header(name = "Tus-Version", description = "`1.0.0`"),
                    @Header(name = "Tus-Extension", description = "`creation,termination,expiration`"),
                    @Header(name = "Tus-Max-Size", description = "The largest file in bytes (layanan.documents.max-file-size)")})
    public Response capabilities() {
        return Response.noContent().header("Tus-Resumable", Uploads.TUS_VERSION).header("Tus-Version", Uploads.TUS_VERSION)
                .header("Tus-Extension", "creation,termination,expiration")
                .header("Tus-Max-Size", config.documents().maxFileSize().asLongValue()).build();
    }

    @HEAD
    @Path("/{uploadId}")
    @RolesAllowed({Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "uploadOffset", summary = "Where a resumable upload stands",
            description = "Upload-Offset is how many bytes are kept: send the rest from there. Offset equal to length: it is complete.")
    @APIResponse(responseCode = "200", description = "Where it stands",
            headers = {@Header(name = "Tus-Resumable", description = "`1.0.0`"),
                    @Header(name = "Upload-Offset", description = "Bytes kept", required = true, schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Upload-Length", description = "The file's size", required = true, schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Upload-Expires", description = "When it is dropped unless a byte arrives")})
    @APIResponse(responseCode = "404", description = "No such upload of yours, or it expired")
    public Response head(@PathParam("uploadId") UUID id) {
        return uploads.head(caller, id);
    }

    @PATCH
    @Path("/{uploadId}")
    @Consumes(Uploads.OFFSET_TYPE)
    @RolesAllowed({Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.VALIDATION_FAILED, ProblemCode.UPLOAD_OFFSET_MISMATCH, ProblemCode.NOT_IN_YOUR_QUEUE,
            ProblemCode.INVALID_TRANSITION, ProblemCode.DOCUMENT_NOT_ATTACHED, ProblemCode.TOO_MANY_FILES, ProblemCode.FILE_EMPTY,
            ProblemCode.FILE_TYPE_NOT_ACCEPTED, ProblemCode.FILE_TYPE_MISMATCH})
    @Operation(operationId = "uploadBytes", summary = "Send bytes of a resumable upload",
            description = "The bytes from Upload-Offset (which must be where the upload stands), all of the rest or a piece. What "
                    + "arrives is kept in pieces of 256 KB as it comes, also when the connection drops midway. The first bytes must "
                    + "be of a type the file may have (else 415, and the upload is dropped); with the last byte the file becomes "
                    + "the request's, checked as a one-shot upload is (so this answer can be that check's 409 or 415).")
    @RequestBody(required = false, description = "The bytes; empty only to finish an upload whose bytes all arrived",
            content = @Content(mediaType = Uploads.OFFSET_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "204", description = "Kept; Upload-Offset says where the upload stands now",
            headers = {@Header(name = "Tus-Resumable", description = "`1.0.0`"),
                    @Header(name = "Upload-Offset", description = "Bytes kept", required = true, schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Upload-Expires", description = "When it is dropped unless a byte arrives")})
    @APIResponse(responseCode = "400", description = "Upload-Offset is missing")
    @APIResponse(responseCode = "404", description = "No such upload of yours, or it expired")
    @APIResponse(responseCode = "409", description = "Upload-Offset is not where the upload stands, or the file cannot become the request's now")
    @APIResponse(responseCode = "413", description = "More bytes than Upload-Length")
    @APIResponse(responseCode = "415", description = "Not application/offset+octet-stream, or the file is not of a type it may have")
    public Response append(@PathParam("uploadId") UUID id,
                           @Parameter(description = "Where these bytes start", required = true, example = "0",
                                   schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @HeaderParam("Upload-Offset") String offset,
                           @Context HttpHeaders headers,
                           @Parameter(description = "`1.0.0`", example = "1.0.0") @HeaderParam("Tus-Resumable") String tusResumable,
                           InputStream body) throws IOException {
        return uploads.append(caller, id, offset, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH), body);
    }

    @DELETE
    @Path("/{uploadId}")
    @RolesAllowed({Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "dropUpload", summary = "Drop a resumable upload (tus termination)",
            description = "Its bytes are dropped; a file it already became stays.")
    @APIResponse(responseCode = "204", description = "Dropped", headers = @Header(name = "Tus-Resumable", description = "`1.0.0`"))
    @APIResponse(responseCode = "404", description = "No such upload of yours, or it expired")
    public Response drop(@PathParam("uploadId") UUID id,
                         @Parameter(description = "`1.0.0`", example = "1.0.0") @HeaderParam("Tus-Resumable") String tusResumable) {
        uploads.delete(caller, id);
        return Response.noContent().header("Tus-Resumable", Uploads.TUS_VERSION).build();
    }
}
