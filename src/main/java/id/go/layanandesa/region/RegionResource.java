package id.go.layanandesa.region;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.CursorPage;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Regions")
public class RegionResource {

    @Inject
    id.go.layanandesa.audit.AuditNote auditNote;

    @Inject
    RegionService regions;

    @Inject
    RegionImporter importer;

    @GET
    @Path("/{code}")
    @RolesAllowed({Role.OPERATOR_, Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND})
    @Operation(operationId = "getRegion", summary = "A region with its ancestors, level, kind and time zone",
            description = "Regions are public reference data: any authenticated caller reads any kabupaten's regions.")
    @APIResponse(responseCode = "200", description = "The region",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegionView.class)))
    @APIResponse(responseCode = "400", description = "The code is malformed")
    @APIResponse(responseCode = "404", description = "No region has this code")
    public RegionView get(@Parameter(example = "73.24.04.2001") @PathParam("code") String code) {
        return regions.get(code);
    }

    @GET
    @Path("/{code}/children")
    @RolesAllowed({Role.OPERATOR_, Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND})
    @Operation(operationId = "listRegionChildren", summary = "The regions directly under a region, by code, a page at a time",
            description = "The kecamatan of a kabupaten, the desa and kelurahan of a kecamatan, and so on, ordered by "
                    + "code, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page of children; `next` is absent on the last page")
    @APIResponse(responseCode = "400", description = "The code is malformed or the limit out of range")
    @APIResponse(responseCode = "404", description = "No region has this code")
    public CursorPage<RegionView> children(
            @Parameter(example = "73.24") @PathParam("code") String code,
            @Valid @BeanParam PageQuery paging) {
        return regions.children(code, paging.cursor(), paging.limit());
    }

    @GET
    @Path("/search")
    @RolesAllowed({Role.OPERATOR_, Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND})
    @Operation(operationId = "searchRegions", summary = "Regions of a kabupaten whose name starts with a prefix",
            description = "Case- and accent-insensitive prefix match on the name, ordered by name then code.")
    @APIResponse(responseCode = "200", description = "A page of matches; `next` is absent on the last page")
    @APIResponse(responseCode = "400", description = "The kabupaten code or the prefix is missing or malformed, or the limit out of range")
    @APIResponse(responseCode = "404", description = "No kabupaten has this code")
    public CursorPage<RegionView> search(
            @Parameter(required = true, example = "73.24") @QueryParam("kabupaten") String kabupaten,
            @Parameter(required = true, description = "Start of the name", example = "mal") @QueryParam("q") String q,
            @Valid @BeanParam PageQuery paging) {
        return regions.search(kabupaten, q, paging.cursor(), paging.limit());
    }

    @POST
    @Audited(target = "REGIONS")
    @Idempotent
    @Path("/import")
    @Consumes("text/csv")
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.EMPTY_BODY, ProblemCode.PAYLOAD_TOO_LARGE})
    @Operation(operationId = "importRegions", summary = "Add and rename regions from the Kepmendagri code list",
            description = "Upserts a `code,name` CSV (with a header line) in one transaction, parents before children, "
                    + "and never deletes. The region list is national, shared by every kabupaten, so only an operator of the "
                    + "installation imports it. "
                    + "Lines that cannot be imported are reported, not fatal.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv",
            example = "code,name\n73,Sulawesi Selatan\n73.24,Kabupaten Luwu Timur\n73.24.04,Malili\n73.24.04.2001,Harapan\n"))
    @APIResponse(responseCode = "200", description = "What was added, renamed, left alone and rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "The body is empty")
    @APIResponse(responseCode = "413", description = "The body is larger than layanan.http.max-import-body (16 MB)")
    @APIResponse(responseCode = "415", description = "The body is not text/csv")
    public RestResponse<ImportReport> importCsv(String csv) {
        ImportReport report = importer.importCsv(csv);
        auditNote.put("added", report.added()).put("updated", report.updated()).put("rejected", report.rejected().size());
        return RestResponse.ok(report);
    }
}
