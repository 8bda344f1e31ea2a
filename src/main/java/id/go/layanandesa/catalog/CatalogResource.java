package id.go.layanandesa.catalog;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

@Path("/api/v1/service-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class CatalogResource {

    @Inject
    CatalogService catalog;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @Operation(operationId = "listServiceTypes", summary = "The catalog of the caller's kabupaten, by code",
            description = "Every service of the caller's kabupaten's catalog at its current version, with its documents "
                    + "and form fields, optionally only the open or closed ones; not paged.")
    @APIResponse(responseCode = "200", description = "Every entry (or only open or closed ones); not paged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceTypeView.class)))
    public List<ServiceTypeView> list(@Parameter(description = "Only entries open (true) or closed (false) for filing")
                                      @QueryParam("open") Boolean open) {
        return catalog.list(open);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getServiceType", summary = "One catalog entry at its current version",
            description = "One service of the catalog at its current version; the ETag is what a change sends in If-Match.")
    @APIResponse(responseCode = "200", description = "The entry; its ETag is its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING, example = "\"1\"")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeView.class)))
    @APIResponse(responseCode = "404", description = "No entry with this id in the caller's kabupaten")
    public Response get(@PathParam("id") long id) {
        return Response.ok(catalog.get(id)).build();
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getServiceTypeVersion", summary = "A catalog entry's definition as it stood at one version",
            description = "What a request filed under that version was filed against.")
    @APIResponse(responseCode = "200", description = "The kept definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeVersionView.class)))
    @APIResponse(responseCode = "404", description = "No such entry in the caller's kabupaten, or no such version")
    public ServiceTypeVersionView version(@PathParam("id") long id, @PathParam("version") int version) {
        return catalog.version(id, version);
    }

    @POST
    @Audited(target = "SERVICE_TYPE")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.DUPLICATE_CODE})
    @Operation(operationId = "createServiceType", summary = "Add a service to the caller's kabupaten's catalog",
            description = "Adds a service with its time limit, fee, required documents and typed form fields, at version "
                    + "1. The answer's ETag is what the next change sends in If-Match.")
    @APIResponse(responseCode = "201", description = "Created at version 1; Location names it",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or definitions, or the default OPD is missing, inactive or another kabupaten's")
    @APIResponse(responseCode = "409", description = "DUPLICATE_CODE: the code is taken in the kabupaten")
    public Response create(@Valid @NotNull ServiceTypeCreate body, @Context UriInfo uri) {
        ServiceTypeView view = catalog.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build()).entity(view).build();
    }

    @PUT
    @Audited(target = "SERVICE_TYPE")
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "updateServiceType", summary = "Replace a catalog entry's definition, making the next version",
            description = "Replaces the definition and makes the next version; requests already filed keep the version "
                    + "they were filed under.")
    @APIResponse(responseCode = "200", description = "The entry at its new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or definitions, or the default OPD is missing, inactive or another kabupaten's")
    @APIResponse(responseCode = "404", description = "No entry with this id in the caller's kabupaten")
    public Response update(@PathParam("id") long id,
                           @Parameter(description = "The ETag as last read", required = true, example = "\"1\"")
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ServiceTypeUpdate body) {
        return Response.ok(catalog.update(id, ifMatch, body)).build();
    }

    @DELETE
    @Audited(target = "SERVICE_TYPE")
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_TYPE_IN_USE})
    @Operation(operationId = "deleteServiceType", summary = "Delete a catalog entry no request was filed under",
            description = "Its kept versions and its routing rules go with it. One with requests is closed (open = false) instead.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No entry with this id in the caller's kabupaten")
    @APIResponse(responseCode = "409", description = "SERVICE_TYPE_IN_USE: requests were filed under it")
    public void delete(@PathParam("id") long id,
                       @Parameter(description = "The ETag as last read", required = true, example = "\"1\"")
                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        catalog.delete(id, ifMatch);
    }
}
