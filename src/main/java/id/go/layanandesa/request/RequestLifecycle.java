package id.go.layanandesa.request;

import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.request.Lifecycle.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every change of a request after filing: the desa's cancel and supply-info, the OPD's accept, ask for
 * information, forward, complete, reject and release, the admin's reassign. Each checks scope, version
 * (If-Match) or claim, and the state machine, then appends to the history in the same transaction.
 */
@ApplicationScoped
@Transactional
public class RequestLifecycle {

    @Inject
    EntityManager em;

    @Inject
    RequestAccess access;

    @Inject
    RequestDetails details;

    @Inject
    RequestJournal journal;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    id.go.layanandesa.sla.SlaClock slaClock;

    @Inject
    ResultDocuments results;

    /** How a change is asked for: the version the caller saw, or the claim that delivered the request. */
    public record Precondition(String ifMatch, UUID claimId) {
    }

    private interface Change {
        /** Applies the change to the locked request and returns the history note. */
        String apply(ServiceRequest r, Instant now);
    }

    public RequestViews.RequestDetail cancel(Caller caller, long id, ActionBodies.Cancel body, Precondition pre) {
        return perform(caller, id, pre, Action.CANCEL, cancelling(caller, body));
    }

    public RequestViews.RequestDetail supplyInfo(Caller caller, long id, ActionBodies.SupplyInfo body, Precondition pre) {
        return perform(caller, id, pre, Action.SUPPLY_INFO, supplyingInfo(caller, body));
    }

    public RequestViews.RequestDetail accept(Caller caller, long id, ActionBodies.Accept body, Precondition pre) {
        return perform(caller, id, pre, Action.ACCEPT, publicNoteOf(body), accepting(caller, body));
    }

    public RequestViews.RequestDetail requestInfo(Caller caller, long id, ActionBodies.RequestInfo body, Precondition pre) {
        return perform(caller, id, pre, Action.REQUEST_INFO, publicNoteOf(body), requestingInfo(caller, body));
    }

    public RequestViews.RequestDetail forward(Caller caller, long id, ActionBodies.Forward body, Precondition pre) {
        return perform(caller, id, pre, Action.FORWARD, publicNoteOf(body), forwarding(caller, body));
    }

    public RequestViews.RequestDetail complete(Caller caller, long id, ActionBodies.Complete body, Precondition pre) {
        return perform(caller, id, pre, Action.COMPLETE, publicNoteOf(body), completing(caller, body));
    }

    public RequestViews.RequestDetail reject(Caller caller, long id, ActionBodies.Reject body, Precondition pre) {
        return perform(caller, id, pre, Action.REJECT, publicNoteOf(body), rejecting(caller, body));
    }

    public RequestViews.RequestDetail release(Caller caller, long id, ActionBodies.Release body, Precondition pre) {
        return perform(caller, id, pre, Action.RELEASE, releasing(caller, body));
    }

    public RequestViews.RequestDetail reassign(Caller caller, long id, ActionBodies.Reassign body, Precondition pre) {
        return perform(caller, id, pre, Action.REASSIGN, publicNoteOf(body), reassigning(caller, body));
    }

    private Change cancelling(Caller caller, ActionBodies.Cancel body) {
        return (r, now) -> {
            r.finishedAt = now;
            return body == null ? null : body.reason();
        };
    }

    private Change supplyingInfo(Caller caller, ActionBodies.SupplyInfo body) {
        return (r, now) -> {
            ServiceTypeVersion filed = ServiceTypeVersion.findById(new ServiceTypeVersion.Key(r.serviceTypeId, r.serviceTypeVersion));
            List<Violation> violations = new ArrayList<>();
            LocalDate today = LocalDate.ofInstant(now, TimeZones.forRegion(r.kabupatenCode));
            Map<String, Object> answers = AnswerValidator.answers(filed.snapshot.fields(), body.answers(), "answers", true, today, violations);
            List<DocumentDeclaration> documents = AnswerValidator.documents(filed.snapshot.documents(), body.documents(), answers,
                    "documents", true, violations);
            Map<String, Object> merged = new LinkedHashMap<>(r.answers);
            merged.putAll(answers);
            Map<String, DocumentDeclaration> docs = new LinkedHashMap<>();
            r.documents.forEach(d -> docs.put(d.code(), d));
            documents.forEach(d -> docs.put(d.code(), d));
            // what the request holds once this is added must still meet the service's requirements: a new answer may
            // make a document required (a KTP that was damaged is now lost: the police letter)
            Map<String, String> paths = new LinkedHashMap<>();
            List<DocumentDeclaration> given = body.documents() == null ? List.of() : body.documents();
            for (int i = 0; i < given.size(); i++) {
                if (given.get(i) != null && given.get(i).code() != null) {
                    paths.putIfAbsent(given.get(i).code(), "documents[" + i + "]");
                }
            }
            AnswerValidator.requirements(filed.snapshot.documents(), new ArrayList<>(docs.values()), paths, merged, "documents", violations);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            r.answers = merged;
            r.documents = new ArrayList<>(docs.values());
            if (r.infoRequestedBy != null) {
                r.opdId = r.infoRequestedBy;
            }
            r.infoRequestedBy = null;
            slaClock.resume(r, now);
            return body.note();
        };
    }

    private Change accepting(Caller caller, ActionBodies.Accept body) {
        return (r, now) -> {
            r.assignedTo = caller.principalKey();
            r.assignedToName = caller.displayName();
            return body == null ? null : body.note();
        };
    }

    private Change requestingInfo(Caller caller, ActionBodies.RequestInfo body) {
        return (r, now) -> {
            r.infoRequestedBy = r.opdId;
            String missing = "missing: " + String.join("; ", body.missing());
            return body.note() == null || body.note().isBlank() ? missing : missing + ". " + body.note();
        };
    }

    private Change forwarding(Caller caller, ActionBodies.Forward body) {
        return (r, now) -> {
            Opd target = targetOpd(r, body.toOpdId());
            Opd current = em.find(Opd.class, r.opdId);
            String note = body.reason();
            if (current.triage) {
                r.forwardCount = 0;
                r.opdId = target.id;
            } else if (r.forwardCount + 1 > config.queue().maxForwards()) {
                Opd triage = Opd.triageOf(r.kabupatenCode);
                r.opdId = triage.id;
                r.forwardCount = 0;
                note = note + " (forwarded more than " + config.queue().maxForwards() + " times: sent to triage instead of "
                        + target.code + ")";
            } else {
                r.forwardCount++;
                r.opdId = target.id;
            }
            r.assignedTo = null;
            r.assignedToName = null;
            return note;
        };
    }

    private Change completing(Caller caller, ActionBodies.Complete body) {
        return (r, now) -> {
            r.finishedAt = now;
            r.resultNote = body.resultNote();
            r.documentNumber = body.documentNumber();
            return body.resultDocumentId() == null ? body.resultNote()
                    : body.resultNote() + results.completeWith(r, body.resultDocumentId(), now);
        };
    }

    private Change rejecting(Caller caller, ActionBodies.Reject body) {
        return (r, now) -> {
            r.finishedAt = now;
            r.resultNote = body.reason();
            return body.reason();
        };
    }

    private Change releasing(Caller caller, ActionBodies.Release body) {
        return (r, now) -> body.note();
    }

    private Change reassigning(Caller caller, ActionBodies.Reassign body) {
        return (r, now) -> {
            Opd target = targetOpd(r, body.toOpdId());
            if (r.status == RequestStatus.NEEDS_INFO) {
                slaClock.resume(r, now);
            }
            r.opdId = target.id;
            r.forwardCount = 0;
            r.assignedTo = null;
            r.assignedToName = null;
            r.infoRequestedBy = null;
            return body.reason();
        };
    }

    private Opd targetOpd(ServiceRequest r, long toOpdId) {
        Opd target = em.find(Opd.class, toOpdId);
        if (target == null || !target.kabupatenCode.equals(r.kabupatenCode)) {
            throw ProblemException.invalid("toOpdId", "is not an OPD of this kabupaten");
        }
        if (!target.active) {
            throw ProblemException.invalid("toOpdId", "is an inactive OPD");
        }
        if (target.id.equals(r.opdId)) {
            throw ProblemException.invalid("toOpdId", "is the OPD that has the request now");
        }
        return target;
    }

    private RequestViews.RequestDetail perform(Caller caller, long id, Precondition pre, Action action, Change change) {
        return perform(caller, id, pre, action, null, change);
    }

    /** The public note, unlike the history's note, is for the citizen: public tracking and the citizen's message show it. */
    private RequestViews.RequestDetail perform(Caller caller, long id, Precondition pre, Action action, String publicNote, Change change) {
        ServiceRequest r = access.changeable(caller, id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RequestJournal.Entry entry = change(caller, r, pre, action, change, publicNote, now);
        em.flush();
        journal.recordAll(List.of(entry));
        return details.of(r);
    }

    /** Checks one change of a locked request and makes it; the history entry it needs is recorded by the caller. */
    private RequestJournal.Entry change(Caller caller, ServiceRequest r, Precondition pre, Action action, Change change,
                                        String publicNote, Instant now) {
        checkPrecondition(caller, r, pre, action, now);
        Lifecycle.check(action, r.status);
        RequestStatus from = r.status;
        Long fromOpd = r.opdId;
        String note = change.apply(r, now);
        r.status = action.to();
        r.claimId = null;
        r.claimedBy = null;
        r.leaseUntil = null;
        r.updatedAt = now;
        return new RequestJournal.Entry(r, eventOf(action), Actor.of(caller), now, from, fromOpd, note, publicNote);
    }

    /** One change of several made together: what to do to which request, proven by its claim or its version. */
    public record Settlement(long requestId, Action action, Object body, UUID claimId, Integer version) {
    }

    /** How one settlement went: the request as it is after it, or the problem that kept it from happening. */
    public record Settled(long requestId, ServiceRequest request, ProblemException problem) {
    }

    /**
     * Makes several changes in one transaction with as few statements as the work needs: the requests are locked
     * together, each change is checked on its own (one that cannot happen gets its problem, the others go through),
     * and the changes are written and recorded together.
     */
    public List<Settled> settle(Caller caller, List<Settlement> settlements) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> ids = settlements.stream().map(Settlement::requestId).distinct().sorted().toList();
        Map<Long, ServiceRequest> locked = new java.util.HashMap<>();
        em.createQuery("from ServiceRequest where id in :ids order by id", ServiceRequest.class)
                .setParameter("ids", ids).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList()
                .forEach(r -> locked.put(r.id, r));
        List<Settled> results = new ArrayList<>(settlements.size());
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (Settlement s : settlements) {
            try {
                ServiceRequest r = access.changeable(caller, s.requestId(), locked.get(s.requestId()));
                Precondition pre = new Precondition(s.version() == null ? null : ETags.of(s.version()), s.claimId());
                entries.add(change(caller, r, pre, s.action(), changeOf(caller, s.action(), s.body()), publicNoteOf(s.body()), now));
                results.add(new Settled(s.requestId(), r, null));
            } catch (ProblemException e) {
                results.add(new Settled(s.requestId(), null, e));
            }
        }
        em.flush();
        journal.recordAll(entries);
        return results;
    }

    /** What the officer wrote for the citizen with the change, if anything. */
    private static String publicNoteOf(Object body) {
        return body instanceof ActionBodies.ForTheCitizen step ? step.publicNote() : null;
    }

    private Change changeOf(Caller caller, Action action, Object body) {
        return switch (action) {
            case ACCEPT -> accepting(caller, (ActionBodies.Accept) body);
            case RELEASE -> releasing(caller, (ActionBodies.Release) body);
            case FORWARD -> forwarding(caller, (ActionBodies.Forward) body);
            case REQUEST_INFO -> requestingInfo(caller, (ActionBodies.RequestInfo) body);
            case COMPLETE -> completing(caller, (ActionBodies.Complete) body);
            case REJECT -> rejecting(caller, (ActionBodies.Reject) body);
            case CANCEL -> cancelling(caller, (ActionBodies.Cancel) body);
            case SUPPLY_INFO -> supplyingInfo(caller, (ActionBodies.SupplyInfo) body);
            case REASSIGN -> reassigning(caller, (ActionBodies.Reassign) body);
        };
    }

    /**
     * A machine consumer proves it still holds the request with its claim id; a person with If-Match.
     * Nobody acts on a SUBMITTED request while another consumer's lease on it holds.
     */
    private void checkPrecondition(Caller caller, ServiceRequest r, Precondition pre, Action action, Instant now) {
        boolean leased = r.leaseUntil != null && r.leaseUntil.isAfter(now);
        if (pre.claimId() != null) {
            if (!pre.claimId().equals(r.claimId)) {
                throw ProblemException.conflict(leased ? "LEASE_HELD_BY_ANOTHER" : "LEASE_EXPIRED",
                        leased ? "another consumer holds request " + r.id + " now"
                                : "your claim on request " + r.id + " is over; claim it again");
            }
            if (!leased) {
                throw ProblemException.conflict("LEASE_EXPIRED", "your lease on request " + r.id + " ran out; claim it again");
            }
            if (pre.ifMatch() != null) {
                ETags.checkIfMatch(pre.ifMatch(), r.version);
            }
            return;
        }
        if (action == Action.RELEASE) {
            throw ProblemException.invalid("claimId", "is required to release a claimed request");
        }
        ETags.checkIfMatch(pre.ifMatch(), r.version);
        boolean desaSide = caller.role() == Role.DESA_OFFICER || caller.role() == Role.ADMIN;
        if (leased && !desaSide) {
            throw ProblemException.conflict("LEASE_HELD_BY_ANOTHER",
                    "a consumer holds request " + r.id + " under a claim until " + r.leaseUntil);
        }
    }

    private static RequestEvent.EventType eventOf(Action action) {
        return switch (action) {
            case ACCEPT -> RequestEvent.EventType.ACCEPTED;
            case REQUEST_INFO -> RequestEvent.EventType.INFO_REQUESTED;
            case SUPPLY_INFO -> RequestEvent.EventType.INFO_SUPPLIED;
            case FORWARD -> RequestEvent.EventType.FORWARDED;
            case COMPLETE -> RequestEvent.EventType.COMPLETED;
            case REJECT -> RequestEvent.EventType.REJECTED;
            case CANCEL -> RequestEvent.EventType.CANCELLED;
            case RELEASE -> RequestEvent.EventType.RELEASED;
            case REASSIGN -> RequestEvent.EventType.REASSIGNED;
        };
    }
}
