package id.go.layanandesa.request;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.AuditedRead;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Filing at the desa and following requests. */
@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Requests")
public class RequestResource {

    @Inject
    Caller caller;

    @Inject
    FilingService filing;

    @Inject
    BatchFiling batch;

    @Inject
    RequestQueries queries;

    @Inject
    RequestDetails details;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    DesaListVersions desaVersions;

    @Inject
    java.time.Clock clock;

    @Inject
    id.go.layanandesa.holiday.WorkingDays workingDays;

    private static final String NEW_ETAG = "The request's new version, for the next If-Match";
    private static final String IF_MATCH = "The request's ETag, from reading it";

    @POST
    @RolesAllowed(Role.DESA_OFFICER_)
    @ProblemCodes({ProblemCode.NO_TRIAGE_OPD})
    @Operation(operationId = "fileRequest", summary = "File a citizen's request",
            description = "Validates the request against the service's definition, routes it to one OPD, gives it a tracking "
                    + "code and a due date, all in one transaction. Send an Idempotency-Key so that a retry after a lost "
                    + "answer returns the first answer instead of filing twice.")
    @APIResponse(responseCode = "201", description = "Filed",
            headers = {@Header(name = "Location", description = "The new request"), @Header(name = "ETag", description = "Its version")},
            content = @Content(schema = @Schema(implementation = RequestViews.FilingReceipt.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; violations name each one")
    @APIResponse(responseCode = "409", description = "A call with the same Idempotency-Key is still in flight")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different body")
    @Idempotent(BatchFiling.OPERATION)
    public RestResponse<RequestViews.FilingReceipt> file(@Valid @NotNull FilingRequest body) {
        RequestViews.FilingReceipt receipt = filing.file(caller, body);
        return RestResponse.ResponseBuilder.<RequestViews.FilingReceipt>created(URI.create(BatchFiling.PATH + "/" + receipt.id()))
                .entity(receipt).build();
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Role.DESA_OFFICER_)
    @Operation(operationId = "fileRequestBatch", summary = "File up to 100 requests queued offline",
            description = "Each item is filed in a transaction of its own with its own Idempotency-Key and succeeds or fails "
                    + "on its own; results come back in order. Resending the batch after a lost answer is safe.")
    @APIResponse(responseCode = "200", description = "One result per item, in order",
            content = @Content(schema = @Schema(implementation = BatchFiling.BatchResult.class)))
    @APIResponse(responseCode = "400", description = "The batch itself is invalid (empty, over 100 items, repeated keys)")
    public BatchFiling.BatchResult fileBatch(@Valid @NotNull BatchFiling.BatchRequest body) {
        return batch.file(caller, body);
    }

    @GET
    @AuditedRead
    @RolesAllowed({Role.DESA_OFFICER_, Role.ADMIN_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listRequests", summary = "List requests: the desa's, the kabupaten's, or those an OPD handled",
            description = "A desa officer sees its desa's requests; an admin those of the kabupaten (filter by desa); an OPD officer "
                    + "or system every request its OPD holds or held before, finished ones included. Newest filed first, NIKs "
                    + "masked, keyset pagination: pass the returned next as cursor; pages stay correct while requests arrive. "
                    + "With updatedSince the list holds what changed at or after that instant, oldest change first: a desa's "
                    + "app syncs by sending the updatedAt of the last item it saw (minus a few seconds, since changes commit "
                    + "out of order). Every list carries an ETag: sent back in If-None-Match, an unchanged list answers 304 "
                    + "(for a desa officer after one look-up of the desa's list version).")
    @APIResponse(responseCode = "200", description = "One page",
            headers = @Header(name = "ETag", description = "The list's state, for If-None-Match"),
            content = @Content(schema = @Schema(implementation = RequestViews.RequestPage.class)))
    @APIResponse(responseCode = "304", description = "Nothing changed since the ETag in If-None-Match",
            headers = @Header(name = "ETag", description = "The list's state"))
    @APIResponse(responseCode = "400", description = "A filter or the cursor is invalid")
    public Response list(
            @Parameter(description = "Only these statuses") @QueryParam("status") List<RequestStatus> status,
            @QueryParam("serviceTypeId") Long serviceTypeId,
            @Parameter(description = "Filed at or after (ISO instant)", example = "2026-11-01T00:00:00Z") @QueryParam("filedFrom") Instant filedFrom,
            @Parameter(description = "Filed before (ISO instant)") @QueryParam("filedTo") Instant filedTo,
            @Parameter(description = "Only overdue (true) or only not overdue (false)") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "Admins and OPDs: only this desa") @QueryParam("desa") String desa,
            @Parameter(description = "Only what changed at or after this instant, oldest change first (for syncing)",
                    example = "2026-11-30T02:15:00Z") @QueryParam("updatedSince") Instant updatedSince,
            @Valid @BeanParam PageQuery paging,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        RequestStore.Filter filter = RequestStore.Filter.of(caller.kabupatenCode()).statuses(status).serviceType(serviceTypeId)
                .filed(filedFrom, filedTo).overdue(overdue).updatedSince(updatedSince);
        switch (caller.role()) {
            case DESA_OFFICER -> filter.desa(caller.desaCode());
            case OPD_OFFICER, OPD_SYSTEM -> filter.handledBy(caller.opdId()).desa(desa);
            default -> filter.desa(desa);
        }
        RequestStore.Sort sort = updatedSince != null ? RequestStore.Sort.UPDATED_ASC : RequestStore.Sort.FILED_DESC;
        String query = Integer.toHexString(java.util.Objects.hash(status, serviceTypeId, filedFrom, filedTo, overdue, desa, updatedSince,
                paging.cursor(), paging.limit()));
        String today = workingDays.localDate(caller.kabupatenCode(), clock.instant()).toString();
        if (caller.role() == Role.DESA_OFFICER) {
            // the desa's list version moves with every change of its requests: an unchanged list costs one lookup
            String etag = ETags.weak(desaVersions.version(caller.desaCode()), today, query);
            if (ETags.matches(ifNoneMatch, etag)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return Response.ok(queries.list(filter, sort, paging.cursor(), paging.limit())).header(HttpHeaders.ETAG, etag).build();
        }
        // wider lists have no version of their own: their ETag is a digest of the page, which saves sending it again
        RequestViews.RequestPage page = queries.list(filter, sort, paging.cursor(), paging.limit());
        String etag = ETags.weak("p" + Integer.toHexString(page.toString().hashCode()), today, query);
        if (ETags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(page).header(HttpHeaders.ETAG, etag).build();
    }

    @GET
    @AuditedRead
    @Path("/{id}")
    @RolesAllowed({Role.DESA_OFFICER_, Role.ADMIN_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getRequest", summary = "A request with its citizen, answers and whole history",
            description = "The ETag is the request's version: send it in If-Match to change the request, or in If-None-Match to "
                    + "be answered 304 while it is unchanged.")
    @APIResponse(responseCode = "200", description = "The request", headers = @Header(name = "ETag", description = "Send it in If-Match to change the request"),
            content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match",
            headers = @Header(name = "ETag", description = "The request's version"))
    @APIResponse(responseCode = "404", description = "No such request in your scope")
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        RequestViews.RequestDetail detail = details.read(caller, id);
        String etag = ETags.ofBody(detail);
        if (ETags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(detail).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Idempotent
    @RolesAllowed(Role.DESA_OFFICER_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION})
    @Operation(operationId = "cancelRequest", summary = "Cancel a request that is SUBMITTED or NEEDS_INFO",
            description = "The desa withdraws a request that is SUBMITTED or NEEDS_INFO, for example when the citizen no "
                    + "longer needs it; the reason goes to the history.")
    @APIResponse(responseCode = "200", description = "Cancelled", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "404", description = "No such request in your desa")
    @APIResponse(responseCode = "409", description = "The request is past cancelling")
    public RestResponse<RequestViews.RequestDetail> cancel(@PathParam("id") long id, @Valid ActionBodies.Cancel body,
            @Parameter(description = IF_MATCH, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.cancel(caller, id, body == null ? new ActionBodies.Cancel(null) : body,
                new RequestLifecycle.Precondition(ifMatch, null)));
    }

    @POST
    @Path("/{id}/supply-info")
    @Idempotent
    @RolesAllowed(Role.DESA_OFFICER_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION})
    @Operation(operationId = "supplyInfo", summary = "Supply the information an OPD asked for",
            description = "Answers replace the ones named, documents are added or re-declared; the request returns as SUBMITTED "
                    + "to the OPD that asked.")
    @APIResponse(responseCode = "200", description = "Back in the OPD's queue", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "An answer or document is invalid")
    @APIResponse(responseCode = "404", description = "No such request in your desa")
    @APIResponse(responseCode = "409", description = "Nobody asked for information")
    public RestResponse<RequestViews.RequestDetail> supplyInfo(@PathParam("id") long id, @Valid @NotNull ActionBodies.SupplyInfo body,
            @Parameter(description = IF_MATCH, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.supplyInfo(caller, id, body, new RequestLifecycle.Precondition(ifMatch, null)));
    }
}
