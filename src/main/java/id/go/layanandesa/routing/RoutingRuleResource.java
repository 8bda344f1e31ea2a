package id.go.layanandesa.routing;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class RoutingRuleResource {

    @Inject
    RoutingRuleService rules;

    @GET
    @Path("/routing-rules")
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listRoutingRules", summary = "The routing rules of the caller's kabupaten, oldest first",
            description = "Every routing rule of the caller's kabupaten, optionally of one service type or area; not "
                    + "paged.")
    @APIResponse(responseCode = "200", description = "Every matching rule; not paged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RoutingRuleView.class)))
    public List<RoutingRuleView> list(@Parameter(description = "Only rules of this service type") @QueryParam("serviceTypeId") Long serviceTypeId,
                                      @Parameter(description = "Only rules for this area", example = "73.24.04") @QueryParam("regionCode") String regionCode) {
        return rules.list(serviceTypeId, regionCode);
    }

    @GET
    @Path("/routing-rules/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getRoutingRule", summary = "One routing rule of the caller's kabupaten",
            description = "One rule: which service (or every service) from which area goes to which OPD.")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingRuleView.class)))
    @APIResponse(responseCode = "404", description = "No rule with this id in the caller's kabupaten")
    public RoutingRuleView get(@PathParam("id") long id) {
        return rules.get(id);
    }

    @POST
    @Audited(target = "ROUTING_RULE")
    @Idempotent
    @Path("/routing-rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.DUPLICATE_RULE})
    @Operation(operationId = "createRoutingRule", summary = "Route a service (or every service) from an area to an OPD",
            description = "Precedence when filing: a rule for the service (desa, kecamatan, kabupaten), a rule for every service "
                    + "(desa, kecamatan, kabupaten), the service's default OPD, the triage OPD; an inactive OPD is passed over. "
                    + "A rule names an OPD (`opdId`), or is relative and names a kind of OPD (`opdKind`, optionally "
                    + "`opdCodePrefix`): the active OPD of that kind whose area contains the desa takes the request, so that one "
                    + "rule \"LEGALISASI goes to the kecamatan office of the desa\" replaces one rule per kecamatan.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingRuleView.class)))
    @APIResponse(responseCode = "400", description = "The service type, area or OPD is missing or not the caller's kabupaten's")
    @APIResponse(responseCode = "409", description = "DUPLICATE_RULE: a rule for the same service (or every service) and area exists")
    public Response create(@Valid @NotNull RoutingRuleCreate body, @Context UriInfo uri) {
        RoutingRuleView view = rules.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build()).entity(view).build();
    }

    @DELETE
    @Audited(target = "ROUTING_RULE")
    @Path("/routing-rules/{id}")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "deleteRoutingRule", summary = "Delete a routing rule",
            description = "Rules are never edited, so they carry no version: delete one and create another to change it. "
                    + "Requests already routed keep their OPD.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No rule with this id in the caller's kabupaten")
    public void delete(@PathParam("id") long id) {
        rules.delete(id);
    }

    @GET
    @Path("/routing/explain")
    @RolesAllowed({Role.ADMIN_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NO_TRIAGE_OPD})
    @Operation(operationId = "explainRouting", summary = "Where a request for a service from a desa would go now, and why",
            description = "Dry run of the routing that filing does: the OPD a request for the service from the desa would "
                    + "reach now, the precedence step that chose it and the matching rule (for a relative rule, the OPD is the "
                    + "one of its kind that serves the desa).")
    @APIResponse(responseCode = "200", description = "The OPD, the precedence step that chose it and the matching rule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingExplanation.class)))
    @APIResponse(responseCode = "400", description = "The service type or desa is missing or not the caller's kabupaten's")
    @APIResponse(responseCode = "409", description = "NO_TRIAGE_OPD: nothing routes it and the kabupaten has no active triage OPD")
    public RoutingExplanation explain(@Parameter(required = true, example = "1051") @QueryParam("serviceTypeId") Long serviceTypeId,
                                      @Parameter(required = true, example = "73.24.04.2001") @QueryParam("desa") String desa) {
        return rules.explain(serviceTypeId, desa);
    }
}
