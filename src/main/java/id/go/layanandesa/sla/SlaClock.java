package id.go.layanandesa.sla;

import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.RequestChange;
import id.go.layanandesa.request.RequestChanges;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestJournal;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The fair clock of a time limit: it counts from complete requirements, so it stands still while the OPD waits on
 * the desa (NEEDS_INFO). When the request comes back for more work, its due date moves on by the working days it
 * waited (the days after the day information was asked for, up to and including the day it came back, in the
 * kabupaten's zone, weekends and holidays left out), and the history says so in a DUE_DATE_MOVED entry right after
 * the change that resumed the clock. Rounds add up. A request flagged overdue whose new due date is today or later
 * is no longer in breach: its flag is lifted, and passing the new due date is recorded as a breach again.
 */
@ApplicationScoped
public class SlaClock {

    /** A due date moved in this transaction, to be recorded once the change that resumed the clock is. */
    record Move(LocalDate before, LocalDate after, int waited, LocalDate asked, LocalDate resumed) {
    }

    @Inject
    EntityManager em;

    @Inject
    WorkingDays workingDays;

    @Inject
    RequestJournal journal;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Resumes the clock of a request that leaves NEEDS_INFO for more work, at {@code now}: moves its due date by the
     * working days it waited. Call it while changing the request, before the change is recorded.
     */
    public void resume(ServiceRequest r, Instant now) {
        Instant asked = em.createQuery("select max(e.at) from RequestEvent e where e.requestId = :r and e.type = :t", Instant.class)
                .setParameter("r", r.id).setParameter("t", RequestEvent.EventType.INFO_REQUESTED).getSingleResult();
        if (asked == null) {
            return;
        }
        LocalDate askedDay = workingDays.localDate(r.kabupatenCode, asked);
        LocalDate resumedDay = workingDays.localDate(r.kabupatenCode, now);
        int waited = workingDays.between(r.kabupatenCode, askedDay, resumedDay);
        if (waited == 0) {
            return;
        }
        LocalDate before = r.dueDate;
        r.dueDate = workingDays.plus(r.kabupatenCode, before, waited);
        pending().put(r.id, new Move(before, r.dueDate, waited, askedDay, resumedDay));
    }

    /** Records each due date moved in this transaction right after the change that moved it. */
    void recorded(@Observes RequestChanges changes) {
        @SuppressWarnings("unchecked")
        Map<Long, Move> pending = (Map<Long, Move>) transactions.getResource(SlaClock.class);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        for (RequestChange change : changes.changes()) {
            Move move = change.type() == RequestEvent.EventType.DUE_DATE_MOVED ? null : pending.remove(change.requestId());
            if (move == null) {
                continue;
            }
            ServiceRequest r = em.find(ServiceRequest.class, change.requestId());
            em.createNativeQuery("""
                            insert into request_sla as s (request_id, paused_days) values (:r, :d)
                            on conflict (request_id) do update set paused_days = s.paused_days + excluded.paused_days""")
                    .setParameter("r", r.id).setParameter("d", move.waited()).executeUpdate();
            em.createNativeQuery("""
                            update service_request set overdue_flagged_at = null
                             where id = :r and overdue_flagged_at is not null and due_date >= :today""")
                    .setParameter("r", r.id).setParameter("today", move.resumed()).executeUpdate();
            journal.record(r, RequestEvent.EventType.DUE_DATE_MOVED, Actor.SYSTEM, change.at(), r.status, r.opdId,
                    "the clock stood still " + move.waited() + " working day" + (move.waited() == 1 ? "" : "s") + " in NEEDS_INFO ("
                            + move.asked() + " to " + move.resumed() + "): due " + move.before() + " → " + move.after());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Move> pending() {
        Map<Long, Move> pending = (Map<Long, Move>) transactions.getResource(SlaClock.class);
        if (pending == null) {
            pending = new HashMap<>();
            transactions.putResource(SlaClock.class, pending);
        }
        return pending;
    }
}
