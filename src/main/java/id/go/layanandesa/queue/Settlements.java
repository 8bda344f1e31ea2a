package id.go.layanandesa.queue;

import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.request.ActionBodies;
import id.go.layanandesa.request.Lifecycle.Action;
import id.go.layanandesa.request.RequestDetails;
import id.go.layanandesa.request.RequestLifecycle;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestViews;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Settling several requests in one call: what a machine consumer does with a claim of 50 (accept them all, give some
 * back, forward one), or later with the requests it accepted (complete or reject them). Each item succeeds or fails
 * on its own; the answer says, in order, what became of each.
 */
@ApplicationScoped
public class Settlements {

    public static final int MAX_ITEMS = 100;

    /** What an OPD may do to a request in a settlement. */
    @Schema(name = "SettlementAction")
    public enum Kind {
        ACCEPT(Action.ACCEPT), RELEASE(Action.RELEASE), FORWARD(Action.FORWARD), REQUEST_INFO(Action.REQUEST_INFO),
        COMPLETE(Action.COMPLETE), REJECT(Action.REJECT);

        final Action action;

        Kind(Action action) {
            this.action = action;
        }
    }

    @Schema(name = "SettlementBody", description = "Up to 100 changes, each of one request, made in order in one call")
    public record Body(
            @NotEmpty @Size(max = MAX_ITEMS) List<@NotNull @Valid Item> items,
            @MayBeAbsent @Schema(description = "Answer each changed request in full (with its citizen, answers and history) "
                    + "instead of its id, status and version", defaultValue = "false") Boolean detail) {
    }

    @Schema(name = "SettlementItem", description = "One change. Claimed work (SUBMITTED) is proven by the claimId that delivered "
            + "it; a request already accepted by its version (what If-Match would carry). The other fields are those of the "
            + "action's own call: note for ACCEPT and RELEASE, toOpdId and reason for FORWARD, missing and note for "
            + "REQUEST_INFO, resultNote, documentNumber and resultDocumentId for COMPLETE, reason for REJECT; publicNote for all "
            + "but RELEASE.")
    public record Item(
            @Schema(example = "1001") @NotNull Long requestId,
            @Schema(example = "ACCEPT") @NotNull Kind action,
            @MayBeAbsent @Schema(description = "The claim that delivered the request") UUID claimId,
            @MayBeAbsent @Schema(description = "The request's version, instead of a claim", example = "3") @Min(0) Integer version,
            @MayBeAbsent @Size(max = 2000) String note,
            @MayBeAbsent @Schema(example = "1002") Long toOpdId,
            @MayBeAbsent @Size(max = 2000) String reason,
            @MayBeAbsent @Size(max = 20) List<@Size(max = 300) String> missing,
            @MayBeAbsent @Size(max = 2000) String resultNote,
            @MayBeAbsent @Size(max = 100) String documentNumber,
            @Schema(description = "COMPLETE: the result document (added with POST .../result-document) to complete with", example = "2051")
            @MayBeAbsent Long resultDocumentId,
            @Schema(description = "For the citizen (not RELEASE): public tracking and the citizen's message show it; the note stays "
                    + "internal", example = "Permohonan sedang diproses") @MayBeAbsent @Size(max = 1000) String publicNote) {
    }

    @Schema(name = "SettledRequest", description = "What a consumer needs of a changed request: to find it, to change it again")
    public record Request(@Schema(example = "1001") long id, @Schema(example = "IN_PROGRESS") RequestStatus status,
                          @Schema(description = "Its new version, for the next change", example = "2") int version,
                          @Schema(description = "The OPD whose queue holds it now", example = "1051") long opdId,
                          @Schema(example = "2026-11-30T02:16:00Z") Instant updatedAt) {
    }

    @Schema(name = "SettlementResult", description = "What became of one item")
    public record Result(
            @Schema(description = "Position in the call, from 0", example = "0") int index,
            @Schema(example = "1001") long requestId,
            @Schema(description = "The status the action's own call would have answered", example = "200") int status,
            @MayBeAbsent Request request,
            @MayBeAbsent @Schema(description = "With detail=true: the request in full") RequestViews.RequestDetail detail,
            @MayBeAbsent @Schema(description = "On failure: the problem") Problem problem) {
    }

    @Schema(name = "SettlementAnswer", description = "One result per item, in order")
    public record Answer(List<Result> items, @Schema(example = "49") int settled, @Schema(example = "1") int failed) {
    }

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    RequestDetails details;

    @Transactional
    public Answer settle(Caller caller, Body body) {
        List<RequestLifecycle.Settlement> settlements = new ArrayList<>();
        Map<Integer, ProblemException> refused = new HashMap<>();
        for (int i = 0; i < body.items().size(); i++) {
            Item item = body.items().get(i);
            try {
                settlements.add(settlement(item, "items[" + i + "]."));
            } catch (ProblemException e) {
                refused.put(i, e);
                settlements.add(null);
            }
        }
        List<RequestLifecycle.Settled> settled = lifecycle.settle(caller, settlements.stream().filter(s -> s != null).toList());
        boolean detail = Boolean.TRUE.equals(body.detail());
        List<ServiceRequest> changed = settled.stream().filter(s -> s.problem() == null).map(RequestLifecycle.Settled::request).toList();
        Map<ServiceRequest, RequestViews.RequestDetail> views = new java.util.IdentityHashMap<>();
        if (detail && !changed.isEmpty()) {
            List<ServiceRequest> distinct = changed.stream().distinct().toList();
            List<RequestViews.RequestDetail> all = details.ofAll(distinct);
            for (int i = 0; i < distinct.size(); i++) {
                views.put(distinct.get(i), all.get(i));
            }
        }
        List<Result> results = new ArrayList<>();
        int next = 0;
        int ok = 0;
        for (int i = 0; i < body.items().size(); i++) {
            ProblemException early = refused.get(i);
            if (early != null) {
                results.add(new Result(i, body.items().get(i).requestId(), early.status(), null, null, Problem.of(early)));
                continue;
            }
            RequestLifecycle.Settled s = settled.get(next++);
            if (s.problem() != null) {
                results.add(new Result(i, s.requestId(), s.problem().status(), null, null, Problem.of(s.problem())));
                continue;
            }
            ServiceRequest r = s.request();
            ok++;
            results.add(new Result(i, r.id, 200, new Request(r.id, r.status, r.version, r.opdId, r.updatedAt), views.get(r), null));
        }
        return new Answer(results, ok, results.size() - ok);
    }

    /** The item as a change of the lifecycle; 400 naming the field when the action lacks what it needs. */
    private static RequestLifecycle.Settlement settlement(Item item, String at) {
        if ((item.claimId() == null) == (item.version() == null)) {
            throw ProblemException.invalid(at + "claimId", "give either the claimId that delivered the request or its version");
        }
        Object body = switch (item.action()) {
            case ACCEPT -> new ActionBodies.Accept(item.claimId(), item.note(), item.publicNote());
            case RELEASE -> new ActionBodies.Release(require(item.claimId(), at + "claimId"), item.note());
            case FORWARD -> new ActionBodies.Forward(item.claimId(), require(item.toOpdId(), at + "toOpdId"),
                    requireText(item.reason(), at + "reason"), item.publicNote());
            case REQUEST_INFO -> new ActionBodies.RequestInfo(item.claimId(), requireList(item.missing(), at + "missing"), item.note(),
                    item.publicNote());
            case COMPLETE -> new ActionBodies.Complete(requireText(item.resultNote(), at + "resultNote"), item.documentNumber(),
                    item.resultDocumentId(), item.publicNote());
            case REJECT -> new ActionBodies.Reject(requireText(item.reason(), at + "reason"), item.publicNote());
        };
        return new RequestLifecycle.Settlement(item.requestId(), item.action().action, body, item.claimId(), item.version());
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw ProblemException.invalid(field, "must not be null for this action");
        }
        return value;
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank for this action");
        }
        return value;
    }

    private static List<String> requireList(List<String> value, String field) {
        if (value == null || value.isEmpty() || value.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw ProblemException.invalid(field, "must name at least one missing thing, none blank");
        }
        return value;
    }
}
