package id.go.layanandesa.tracking;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestStore;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class TrackingService {

    @Inject
    EntityManager em;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    @Inject
    RequestStore requests;

    @Transactional(Transactional.TxType.SUPPORTS)
    public TrackingView track(String code) {
        ServiceRequest r = requests.byTrackingCode(code);
        ServiceType type = em.find(ServiceType.class, r.serviceTypeId);
        Opd opd = em.find(Opd.class, r.opdId);
        List<TrackingView.Step> steps = new ArrayList<>();
        for (RequestEvent e : em.createQuery("from RequestEvent where requestId = :r order by id", RequestEvent.class)
                .setParameter("r", r.id).getResultList()) {
            boolean statusChanged = e.fromStatus == null || e.fromStatus != e.toStatus || e.type == RequestEvent.EventType.FORWARDED;
            if (statusChanged || e.publicNote != null) {
                steps.add(new TrackingView.Step(e.at, e.toStatus, e.publicNote));
            }
        }
        boolean overdue = r.status.isOverdue(r.dueDate, workingDays.localDate(r.kabupatenCode, clock.instant()));
        return new TrackingView(r.trackingCode, type.name, r.status, opd.name, r.filedAt, r.dueDate, r.finishedAt, overdue, steps);
    }
}
