package id.go.layanandesa.queue;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.AuditedRead;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.request.ActionBodies;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.RequestLifecycle;
import id.go.layanandesa.request.RequestStore;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestViews;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** An OPD's work queue, for OPD officers and OPD systems (and admins for triage). */
@Path("/api/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Queue")
public class QueueResource {

    @Inject
    Caller caller;

    @Inject
    QueueService queue;

    @Inject
    ClaimService claims;

    @Inject
    QueueListener listener;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    Settlements settlements;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    private static final String NEW_ETAG = "The request's new version, for the next If-Match";
    private static final String IF_MATCH = "The request's ETag, from reading it";
    private static final String IF_MATCH_OR_CLAIM = "The request's ETag, from reading it; required unless the body names the claimId that delivered it";

    @GET
    @AuditedRead
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND, ProblemCode.NO_TRIAGE_OPD})
    @Operation(operationId = "listQueue", summary = "List an OPD's queue",
            description = "Sorted by due date (default) or filing time, keyset paginated. Send the ETag back in If-None-Match: "
                    + "an unchanged queue answers 304 at the cost of one indexed lookup. Admins list the triage queue, or "
                    + "any OPD's with opdId.")
    @APIResponse(responseCode = "200", description = "One page", headers = @Header(name = "ETag", description = "The queue's state"),
            content = @Content(schema = @Schema(implementation = RequestViews.RequestPage.class)))
    @APIResponse(responseCode = "304", description = "Nothing changed since the ETag in If-None-Match",
            headers = @Header(name = "ETag", description = "The queue's state, unchanged"))
    @APIResponse(responseCode = "400", description = "A filter or the cursor is invalid")
    @APIResponse(responseCode = "404", description = "No such OPD in your kabupaten")
    public Response list(
            @Parameter(description = "Admins: the OPD (default: triage)") @QueryParam("opdId") Long opdId,
            @Parameter(description = "Only these statuses (default: SUBMITTED, IN_PROGRESS, NEEDS_INFO)") @QueryParam("status") List<RequestStatus> status,
            @QueryParam("serviceTypeId") Long serviceTypeId,
            @Parameter(description = "Only requests from this desa") @QueryParam("desa") String desa,
            @Parameter(description = "Only requests from this kecamatan") @QueryParam("kecamatan") String kecamatan,
            @QueryParam("overdue") Boolean overdue,
            @QueryParam("filedFrom") Instant filedFrom,
            @QueryParam("filedTo") Instant filedTo,
            @Parameter(description = "Only those the caller accepted") @QueryParam("assignedToMe") @DefaultValue("false") boolean assignedToMe,
            @Parameter(description = "Only those flagged for a person after repeated deliveries") @QueryParam("needsAttention") Boolean needsAttention,
            @Parameter(description = "DUE (default) or FILED") @QueryParam("sort") @DefaultValue("DUE") SortOrder sort,
            @Valid @BeanParam PageQuery paging,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        long opd = queue.queueOf(caller, opdId);
        List<RequestStatus> statuses = status == null || status.isEmpty() ? List.copyOf(RequestStatus.OPEN) : status;
        String assignee = assignedToMe ? caller.principalKey() : null;
        int query = Objects.hash(statuses, serviceTypeId, desa, kecamatan, overdue, filedFrom, filedTo, assignee, needsAttention,
                sort, paging.cursor(), paging.limit());
        String etag = ETags.weak(opd, queue.version(opd), queue.today(caller.kabupatenCode()), Integer.toHexString(query));
        if (ETags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        RequestStore.Filter filter = RequestStore.Filter.of(caller.kabupatenCode()).desa(desa).kecamatan(kecamatan).opd(opd)
                .statuses(statuses).serviceType(serviceTypeId).filed(filedFrom, filedTo).overdue(overdue).assignedTo(assignee)
                .needsAttention(needsAttention);
        RequestViews.RequestPage page = queue.page(filter,
                sort == SortOrder.FILED ? RequestStore.Sort.FILED_ASC : RequestStore.Sort.DUE_ASC, paging.cursor(), paging.limit());
        return Response.ok(page).header(HttpHeaders.ETAG, etag).build();
    }

    public enum SortOrder { DUE, FILED }

    @POST
    @AuditedRead
    @Path("/claims")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
    @Operation(operationId = "claimRequests", summary = "Claim up to N SUBMITTED requests of your OPD for a lease",
            description = "Oldest due first. Concurrent claims, on any instance, never receive the same request while a lease "
                    + "holds; when a lease runs out the request returns to the queue and counts a redelivery. With waitSeconds "
                    + "the call waits for work when the queue is empty and answers as soon as a request arrives; a waiting "
                    + "call holds no thread and no database connection.")
    @APIResponse(responseCode = "200", description = "The claim; items is empty when no work came",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @APIResponse(responseCode = "400", description = "limit, leaseSeconds or waitSeconds out of bounds")
    public Uni<ClaimView> claim(@Valid ClaimBody body, @Context HttpServerResponse response) {
        ClaimBody b = body == null ? new ClaimBody(null, null, null, null) : body;
        int limit = b.limit() == null ? 10 : b.limit();
        Duration lease = b.leaseSeconds() == null ? config.queue().defaultLease() : Duration.ofSeconds(b.leaseSeconds());
        if (lease.compareTo(config.queue().minLease()) < 0 || lease.compareTo(config.queue().maxLease()) > 0) {
            throw ProblemException.invalid("leaseSeconds", "must be between " + config.queue().minLease().toSeconds() + " and "
                    + config.queue().maxLease().toSeconds());
        }
        Duration wait = Duration.ofSeconds(b.waitSeconds() == null ? 0 : b.waitSeconds());
        if (wait.compareTo(config.queue().maxWait()) > 0) {
            throw ProblemException.invalid("waitSeconds", "must be at most " + config.queue().maxWait().toSeconds());
        }
        long opd = caller.opdId();
        String consumer = b.consumer() == null ? caller.principalKey() : caller.principalKey() + "/" + b.consumer();
        Actor actor = Actor.of(caller);
        return attempt(actor, opd, consumer, limit, lease, Instant.now().plus(wait), response);
    }

    @POST
    @Path("/settlements")
    @Idempotent
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "settleRequests", summary = "Settle up to 100 requests in one call: accept, release, forward, ask for information, complete, reject",
            description = "What a machine consumer does with a claim: accept the requests it will work, give back the others, "
                    + "forward or ask for information where needed; later complete or reject what it accepted. Each item is "
                    + "checked on its own, by the claimId that delivered it or by its version, and succeeds or fails on its own "
                    + "(its problem is the one its own call would have answered); the others go through. The answer carries "
                    + "each request's id, status, version and OPD, or with detail=true the whole request. All changes are "
                    + "made and recorded in one transaction with a few statements, whatever the number of items.")
    @APIResponse(responseCode = "200", description = "One result per item, in order",
            content = @Content(schema = @Schema(implementation = Settlements.Answer.class)))
    @APIResponse(responseCode = "400", description = "The call itself is invalid (no items, over 100, an item without its request or action)")
    public RestResponse<Settlements.Answer> settle(@Valid @NotNull Settlements.Body body) {
        return RestResponse.ok(settlements.settle(caller, body));
    }

    /** Claims; when nothing is there and time is left, waits for the queue to change and tries again. */
    private Uni<ClaimView> attempt(Actor actor, long opd, String consumer, int limit, Duration lease, Instant deadline, HttpServerResponse response) {
        boolean mayWait = Instant.now().isBefore(deadline);
        CompletableFuture<Void> change = mayWait ? listener.nextChange(opd) : null;
        return Uni.createFrom().item(() -> claims.claim(actor, opd, consumer, limit, lease))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(claim -> {
                    Duration left = Duration.between(Instant.now(), deadline);
                    if (!claim.items().isEmpty() || change == null || left.isNegative() || left.isZero() || response.closed()) {
                        if (change != null) {
                            listener.forget(opd, change);
                        }
                        if (response.closed() && !claim.items().isEmpty()) {
                            // The consumer went away: nobody will work these.
                            return Uni.createFrom().item(() -> {
                                claims.abandon(claim);
                                return view(claim);
                            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                        }
                        return Uni.createFrom().item(view(claim));
                    }
                    return Uni.createFrom().completionStage(change)
                            .ifNoItem().after(left).recoverWithItem((Void) null)
                            .onItem().transformToUni(ignored -> {
                                listener.forget(opd, change);
                                if (response.closed()) {
                                    return Uni.createFrom().item(view(claim));
                                }
                                return attempt(actor, opd, consumer, limit, lease, deadline, response);
                            });
                });
    }

    private static ClaimView view(ClaimService.Claim claim) {
        return new ClaimView(claim.claimId(), claim.leaseUntil(), claim.items());
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/accept")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER, ProblemCode.LEASE_EXPIRED, ProblemCode.IF_MATCH_REQUIRED})
    @Operation(operationId = "acceptRequest", summary = "Accept a SUBMITTED request: IN_PROGRESS, assigned to you",
            description = "Machine consumers send the claimId that delivered it; people send If-Match with the request's ETag.")
    @APIResponse(responseCode = "200", description = "Accepted", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not SUBMITTED, or another consumer holds it, or your lease ran out")
    @APIResponse(responseCode = "428", description = "Neither claimId nor If-Match was sent")
    public RestResponse<RequestViews.RequestDetail> accept(@PathParam("id") long id, @Valid ActionBodies.Accept body,
            @Parameter(description = IF_MATCH_OR_CLAIM, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        ActionBodies.Accept b = body == null ? new ActionBodies.Accept(null, null, null) : body;
        return RestResponse.ok(lifecycle.accept(caller, id, b, new RequestLifecycle.Precondition(ifMatch, b.claimId())));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/release")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER, ProblemCode.LEASE_EXPIRED})
    @Operation(operationId = "releaseRequest", summary = "Give a claimed request back to the queue now",
            description = "A machine consumer gives back a request it claimed but will not work, so that the next claim "
                    + "can take it at once.")
    @APIResponse(responseCode = "200", description = "Back in the queue", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "claimId is missing")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Your claim on it is over")
    public RestResponse<RequestViews.RequestDetail> release(@PathParam("id") long id, @Valid @NotNull ActionBodies.Release body) {
        return RestResponse.ok(lifecycle.release(caller, id, body, new RequestLifecycle.Precondition(null, body.claimId())));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/forward")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER, ProblemCode.LEASE_EXPIRED, ProblemCode.IF_MATCH_REQUIRED})
    @Operation(operationId = "forwardRequest", summary = "Forward to the OPD that should handle it (reason required)",
            description = "The request goes to that OPD's queue as SUBMITTED and the history shows the hop. A request forwarded "
                    + "more than the configured number of times goes to triage instead.")
    @APIResponse(responseCode = "200", description = "Forwarded", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "The target is not another active OPD of this kabupaten, or no reason")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not SUBMITTED or IN_PROGRESS, or another consumer holds it")
    @APIResponse(responseCode = "428", description = "Neither claimId nor If-Match was sent")
    public RestResponse<RequestViews.RequestDetail> forward(@PathParam("id") long id, @Valid @NotNull ActionBodies.Forward body,
            @Parameter(description = IF_MATCH_OR_CLAIM, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.forward(caller, id, body, new RequestLifecycle.Precondition(ifMatch, body.claimId())));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/request-info")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER, ProblemCode.LEASE_EXPIRED, ProblemCode.IF_MATCH_REQUIRED})
    @Operation(operationId = "requestInfo", summary = "Ask the desa for what is missing: NEEDS_INFO",
            description = "The request goes back to the desa as NEEDS_INFO with the list of what is missing; its due date "
                    + "stops counting until the desa supplies it.")
    @APIResponse(responseCode = "200", description = "Back with the desa", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "The list of what is missing is empty")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not SUBMITTED or IN_PROGRESS, or another consumer holds it")
    @APIResponse(responseCode = "428", description = "Neither claimId nor If-Match was sent")
    public RestResponse<RequestViews.RequestDetail> requestInfo(@PathParam("id") long id, @Valid @NotNull ActionBodies.RequestInfo body,
                                @Parameter(description = IF_MATCH_OR_CLAIM, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.requestInfo(caller, id, body, new RequestLifecycle.Precondition(ifMatch, body.claimId())));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/complete")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER})
    @Operation(operationId = "completeRequest", summary = "Complete an IN_PROGRESS request with a result note",
            description = "Finishes an IN_PROGRESS request with a result note (and the number of the document produced); "
                    + "the citizen sees it as COMPLETED when tracking.")
    @APIResponse(responseCode = "200", description = "Completed", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "The result note is missing")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not IN_PROGRESS")
    public RestResponse<RequestViews.RequestDetail> complete(@PathParam("id") long id, @Valid @NotNull ActionBodies.Complete body,
            @Parameter(description = IF_MATCH, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.complete(caller, id, body, new RequestLifecycle.Precondition(ifMatch, null)));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/reject")
    @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.ADMIN_})
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.NOT_IN_YOUR_QUEUE, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER})
    @Operation(operationId = "rejectRequest", summary = "Reject an IN_PROGRESS request (reason required)",
            description = "Finishes an IN_PROGRESS request as REJECTED with the reason, which the desa sees in the "
                    + "history.")
    @APIResponse(responseCode = "200", description = "Rejected", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "The reason is missing")
    @APIResponse(responseCode = "404", description = "No such request in your queue")
    @APIResponse(responseCode = "409", description = "Not IN_PROGRESS")
    public RestResponse<RequestViews.RequestDetail> reject(@PathParam("id") long id, @Valid @NotNull ActionBodies.Reject body,
            @Parameter(description = IF_MATCH, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.reject(caller, id, body, new RequestLifecycle.Precondition(ifMatch, null)));
    }

    @POST
    @Idempotent
    @Path("/requests/{id}/reassign")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.INVALID_TRANSITION, ProblemCode.LEASE_HELD_BY_ANOTHER})
    @Operation(operationId = "reassignRequest", summary = "Admin: move an unfinished request to another OPD's queue",
            description = "An admin moves an unfinished request to another active OPD of the kabupaten, with a reason kept "
                    + "in the history; the forward count starts again.")
    @APIResponse(responseCode = "200", description = "Reassigned", headers = @Header(name = "ETag", description = NEW_ETAG), content = @Content(schema = @Schema(implementation = RequestViews.RequestDetail.class)))
    @APIResponse(responseCode = "400", description = "The target is not another active OPD of this kabupaten, or no reason")
    @APIResponse(responseCode = "404", description = "No such request in your kabupaten")
    @APIResponse(responseCode = "409", description = "The request is finished")
    public RestResponse<RequestViews.RequestDetail> reassign(@PathParam("id") long id, @Valid @NotNull ActionBodies.Reassign body,
            @Parameter(description = IF_MATCH, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(lifecycle.reassign(caller, id, body, new RequestLifecycle.Precondition(ifMatch, null)));
    }
}
