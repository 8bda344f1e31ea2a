package id.go.layanandesa.opd;

import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/opds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OPDs")
public class OpdResource {

    @Inject
    OpdService opds;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @Operation(operationId = "listOpds", summary = "The OPDs of the caller's kabupaten, by code",
            description = "Every OPD of the caller's kabupaten, optionally only active or inactive ones; a few dozen at "
                    + "most, so not paged.")
    @APIResponse(responseCode = "200", description = "Every OPD of the kabupaten (a few dozen: not paged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = OpdView.class)))
    public List<OpdView> list(@Parameter(description = "Only active (true) or inactive (false) OPDs") @QueryParam("active") Boolean active) {
        return opds.list(active);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getOpd", summary = "One OPD of the caller's kabupaten",
            description = "One OPD with its area, contacts, triage flag and version; the ETag is what a change sends in "
                    + "If-Match.")
    @APIResponse(responseCode = "200", description = "The OPD; its ETag is the version to send in If-Match",
            headers = @Header(name = "ETag", description = "The version, quoted", schema = @Schema(type = SchemaType.STRING, example = "\"0\"")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpdView.class)))
    @APIResponse(responseCode = "404", description = "No OPD with this id in the caller's kabupaten")
    public Response get(@PathParam("id") long id) {
        return Response.ok(opds.get(id)).build();
    }

    @POST
    @Audited(target = "OPD")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.DUPLICATE_CODE, ProblemCode.TRIAGE_REQUIRED, ProblemCode.TRIAGE_CONFLICT})
    @Operation(operationId = "createOpd", summary = "Add an OPD to the caller's kabupaten",
            description = "Adds an agency that can receive requests. At most one active OPD of a kabupaten is the triage "
                    + "OPD, which receives what no rule routes.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpdView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the region is not a kecamatan or desa of the kabupaten")
    @APIResponse(responseCode = "409", description = "DUPLICATE_CODE: the code is taken; TRIAGE_REQUIRED: an inactive OPD cannot be triage")
    public Response create(@Valid @NotNull OpdCreate body, @Context UriInfo uri) {
        OpdView view = opds.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build()).entity(view).build();
    }

    @PUT
    @Audited(target = "OPD")
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.DUPLICATE_CODE, ProblemCode.TRIAGE_REQUIRED, ProblemCode.TRIAGE_CONFLICT})
    @Operation(operationId = "updateOpd", summary = "Change an OPD: name, kind, area, contacts, active, triage",
            description = "Setting triage moves the flag from the current triage OPD in the same transaction.")
    @APIResponse(responseCode = "200", description = "The changed OPD with its new ETag",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpdView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the region is not a kecamatan or desa of the kabupaten")
    @APIResponse(responseCode = "404", description = "No OPD with this id in the caller's kabupaten")
    @APIResponse(responseCode = "409", description = "TRIAGE_REQUIRED: the change would leave the kabupaten without an active triage OPD")
    public Response update(@PathParam("id") long id,
                           @Parameter(description = "The ETag of the OPD as last read", required = true, example = "\"0\"")
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull OpdUpdate body) {
        return Response.ok(opds.update(id, ifMatch, body)).build();
    }

    @DELETE
    @Audited(target = "OPD")
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.OPD_IN_USE, ProblemCode.TRIAGE_REQUIRED})
    @Operation(operationId = "deleteOpd", summary = "Delete an OPD that nothing refers to",
            description = "An OPD with requests, routing rules, service types, accounts or API keys cannot be deleted: deactivate it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No OPD with this id in the caller's kabupaten")
    @APIResponse(responseCode = "409", description = "OPD_IN_USE: something refers to it (the detail says what); TRIAGE_REQUIRED: it is the triage OPD")
    public void delete(@PathParam("id") long id,
                       @Parameter(description = "The ETag of the OPD as last read", required = true, example = "\"0\"")
                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        opds.delete(id, ifMatch);
    }
}
