package id.go.layanandesa.queue;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.request.RequestQueries;
import id.go.layanandesa.request.RequestStore;
import id.go.layanandesa.request.RequestViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** An OPD's queue: which OPD a caller may look at, its version for conditional polls, and its pages. */
@ApplicationScoped
public class QueueService {

    @Inject
    EntityManager em;

    @Inject
    RequestQueries queries;

    @Inject
    QueueVersions versions;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    /** The OPD whose queue the caller works: its own, or for an admin any OPD of the kabupaten (triage by default). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long queueOf(Caller caller, Long requestedOpd) {
        if (caller.role() == Role.ADMIN) {
            if (requestedOpd == null) {
                Opd triage = Opd.triageOf(caller.kabupatenCode());
                if (triage == null) {
                    throw ProblemException.conflict("NO_TRIAGE_OPD", "kabupaten " + caller.kabupatenCode()
                            + " has no triage OPD; name the OPD with opdId or mark one OPD as triage");
                }
                return triage.id;
            }
            Opd opd = em.find(Opd.class, requestedOpd);
            if (opd == null || !opd.kabupatenCode.equals(caller.kabupatenCode())) {
                throw ProblemException.notFound("OPD " + requestedOpd);
            }
            return opd.id;
        }
        if (requestedOpd != null && !requestedOpd.equals(caller.opdId())) {
            throw ProblemException.notFound("OPD " + requestedOpd);
        }
        return caller.opdId();
    }

    /** The queue's version: from this instance's memory when it can be trusted, else one primary-key lookup. */
    public long version(long opdId) {
        return versions.current(opdId);
    }

    /** Part of the ETag: "overdue" changes with the date even when the queue does not. */
    public String today(String kabupatenCode) {
        return workingDays.localDate(kabupatenCode, clock.instant()).toString();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestViews.RequestPage page(RequestStore.Filter filter, RequestStore.Sort sort, String cursor, int limit) {
        return queries.list(filter, sort, cursor, limit);
    }
}
