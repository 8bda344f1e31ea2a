package id.go.layanandesa.request;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.opd.Opd;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import id.go.layanandesa.common.security.Caller;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the full view of a request: its citizen, answers and history. */
@ApplicationScoped
public class RequestDetails {

    @Inject
    EntityManager em;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    @Inject
    RequestAccess access;

    /** A request the caller may read, in full. */
    @Transactional
    public RequestViews.RequestDetail read(Caller caller, long id) {
        return of(access.readable(caller, id));
    }

    public RequestViews.RequestDetail of(ServiceRequest r) {
        return ofAll(List.of(r)).get(0);
    }

    /** Views of many requests in a constant number of queries. */
    public List<RequestViews.RequestDetail> ofAll(List<ServiceRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<Long> ids = requests.stream().map(r -> r.id).toList();
        Map<Long, List<RequestEvent>> eventsByRequest = new HashMap<>();
        Set<Long> opdIds = new HashSet<>();
        Set<Long> typeIds = new HashSet<>();
        for (ServiceRequest r : requests) {
            opdIds.add(r.opdId);
            typeIds.add(r.serviceTypeId);
        }
        for (RequestEvent e : em.createQuery("from RequestEvent where requestId in :ids order by id", RequestEvent.class)
                .setParameter("ids", ids).getResultList()) {
            eventsByRequest.computeIfAbsent(e.requestId, k -> new java.util.ArrayList<>()).add(e);
            if (e.fromOpdId != null) {
                opdIds.add(e.fromOpdId);
            }
            if (e.toOpdId != null) {
                opdIds.add(e.toOpdId);
            }
        }
        Map<Long, RequestViews.OpdRef> opds = new HashMap<>();
        em.createQuery("from Opd where id in :ids", Opd.class).setParameter("ids", List.copyOf(opdIds)).getResultList()
                .forEach(o -> opds.put(o.id, new RequestViews.OpdRef(o.id, o.code, o.name)));
        Map<Long, ServiceType> types = new HashMap<>();
        em.createQuery("from ServiceType where id in :ids", ServiceType.class).setParameter("ids", List.copyOf(typeIds)).getResultList()
                .forEach(t -> types.put(t.id, t));
        java.time.LocalDate today = workingDays.localDate(requests.get(0).kabupatenCode, clock.instant());
        return requests.stream().map(r -> view(r, eventsByRequest.getOrDefault(r.id, List.of()), opds, types.get(r.serviceTypeId), today))
                .toList();
    }

    private RequestViews.RequestDetail view(ServiceRequest r, List<RequestEvent> events, Map<Long, RequestViews.OpdRef> opds,
                                            ServiceType type, java.time.LocalDate today) {
        List<RequestViews.HistoryEntry> history = events.stream()
                .map(e -> new RequestViews.HistoryEntry(e.at, e.type, e.actorName, e.actorKind, e.fromStatus, e.toStatus,
                        e.fromOpdId == null ? null : opds.get(e.fromOpdId), e.toOpdId == null ? null : opds.get(e.toOpdId), e.note,
                        e.publicNote))
                .toList();
        boolean overdue = r.status.isOverdue(r.dueDate, today);
        boolean held = r.leasedAt(clock.instant());
        return new RequestViews.RequestDetail(r.id, r.trackingCode,
                new RequestViews.ServiceTypeRef(type.id, type.code, type.name, r.serviceTypeVersion),
                r.status,
                new FilingRequest.Citizen(r.citizenNik, r.citizenName, r.citizenPhone, r.citizenAddress),
                r.answers, r.documents, r.note, r.desaCode, opds.get(r.opdId), r.routingRuleId, r.filedAt, r.dueDate,
                r.finishedAt, overdue, r.assignedTo, r.assignedToName, held ? r.claimedBy : null, held ? r.leaseUntil : null,
                r.deliveryCount, r.needsAttention, r.forwardCount, r.resultNote, r.documentNumber, r.personalDataPurgedAt, r.updatedAt, r.version, history);
    }

}
