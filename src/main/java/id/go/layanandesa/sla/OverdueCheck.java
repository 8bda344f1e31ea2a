package id.go.layanandesa.sla;

import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestJournal;
import id.go.layanandesa.request.ServiceRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Escalation: a running request (SUBMITTED or IN_PROGRESS) past its due date in its kabupaten's calendar is flagged
 * overdue once, with an OVERDUE history entry (an event like any other, for the webhooks). NEEDS_INFO is left out:
 * its clock stands still. The flag stays while the breach lasts (also through NEEDS_INFO and forwards); a due date
 * that moves to today or later lifts it ({@link SlaClock}), and passing the new due date is a new breach.
 * <p>
 * Safe on many instances: each batch takes its requests with SKIP LOCKED, so no two instances (and no change in
 * flight) ever flag the same request, and the flag is checked again under the lock.
 */
@ApplicationScoped
public class OverdueCheck {

    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    RequestJournal journal;

    @Inject
    Clock clock;

    /** Every {@code layanan.sla.overdue-check} (1 minute; {@code off} to run none on this instance). */
    @Scheduled(every = "${layanan.sla.overdue-check:1m}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Flags every request that is overdue now and not flagged yet; answers how many. */
    public int run() {
        int total = 0;
        int flagged;
        do {
            flagged = QuarkusTransaction.requiringNew().call(this::flagBatch);
            total += flagged;
        } while (flagged == BATCH);
        return total;
    }

    int flagBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate wib = now.atZone(TimeZones.WIB).toLocalDate();
        LocalDate wita = now.atZone(TimeZones.WITA).toLocalDate();
        LocalDate wit = now.atZone(TimeZones.WIT).toLocalDate();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        with due as (
                            select id from service_request
                             where status in ('IN_PROGRESS', 'SUBMITTED') and overdue_flagged_at is null
                               and due_date < cast(:wit as date)
                               and due_date < case layanan_zone(kabupaten_code) when 'Asia/Jayapura' then cast(:wit as date)
                                                                                when 'Asia/Makassar' then cast(:wita as date)
                                                                                else cast(:wib as date) end
                             order by due_date, id
                             limit :n
                               for update skip locked)
                        update service_request r set overdue_flagged_at = :now, version = r.version + 1, updated_at = :now
                          from due where r.id = due.id
                        returning r.id""")
                .setParameter("wib", wib).setParameter("wita", wita).setParameter("wit", wit)
                .setParameter("n", BATCH).setParameter("now", now)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<ServiceRequest> requests = em.createQuery("from ServiceRequest where id in :ids order by id", ServiceRequest.class)
                .setParameter("ids", ids.stream().map(Number::longValue).toList()).getResultList();
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (ServiceRequest r : requests) {
            entries.add(new RequestJournal.Entry(r, RequestEvent.EventType.OVERDUE, Actor.SYSTEM, now, r.status, r.opdId,
                    "past its due date " + r.dueDate + " and not finished"));
        }
        journal.recordAll(entries);
        return requests.size();
    }
}
