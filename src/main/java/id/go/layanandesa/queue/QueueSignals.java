package id.go.layanandesa.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Marks an OPD's queue as changed, in the transaction that changes it: the queue's version (what its
 * ETag is made of) goes up, and on commit PostgreSQL notifies every instance so that waiting claims wake.
 */
@ApplicationScoped
public class QueueSignals {

    public static final String CHANNEL = "layanan_queue";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Call last in the transaction: the row lock on the OPD's counter is then held only until commit. */
    public void changed(long opdId) {
        em.createNativeQuery("""
                        with bumped as (
                            insert into opd_queue_state as q (opd_id, version, changed_at) values (:opd, 1, :now)
                            on conflict (opd_id) do update set version = q.version + 1, changed_at = excluded.changed_at
                            returning opd_id)
                        select pg_notify('%s', cast(opd_id as text)) from bumped""".formatted(CHANNEL))
                .setParameter("opd", opdId)
                .setParameter("now", Timestamp.from(clock.instant()))
                .getResultList();
    }
}
