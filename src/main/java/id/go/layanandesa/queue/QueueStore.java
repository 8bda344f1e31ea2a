package id.go.layanandesa.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import static id.go.layanandesa.common.SqlValues.instant;

/**
 * The statements of the queue: leasing work to a consumer, flagging what was delivered too often, giving back
 * what a consumer abandoned, ending leases that ran out, and the queue's version. Each takes its rows with
 * SKIP LOCKED, so that concurrent callers on any instance never take the same request. Every statement that
 * changes a request moves its version and updated_at; the history of each change is recorded by the caller.
 */
@ApplicationScoped
public class QueueStore {

    /** A request a statement changed, with the lease it had before (null when none had been taken). */
    public record Touched(long id, Instant previousLease, boolean previousClaim) {
        static Touched of(Tuple t) {
            return new Touched(t.get("id", Number.class).longValue(), instant(t.get("previous_lease")),
                    Boolean.TRUE.equals(t.get("previous_claim", Boolean.class)));
        }

        /** The request was still held by a claim whose lease had run out and nobody had ended yet. */
        public boolean leaseRanOut() {
            return previousClaim && previousLease != null;
        }
    }

    @Inject
    EntityManager em;

    /** Flags for a person the SUBMITTED requests of the OPD delivered {@code maxDeliveries} times without being worked. */
    public List<Touched> flagOverDelivered(long opdId, int maxDeliveries, Instant now) {
        return touched(em.createNativeQuery("""
                        with over as (
                            select id, claim_id is not null as previous_claim, lease_until as previous_lease
                              from service_request
                             where opd_id = :opd and status = 'SUBMITTED' and not needs_attention
                               and delivery_count >= :max and (lease_until is null or lease_until < :now)
                               for update skip locked)
                        update service_request r
                           set needs_attention = true, claim_id = null, claimed_by = null, lease_until = null,
                               version = r.version + 1, updated_at = :now
                          from over where r.id = over.id
                        returning r.id, over.previous_claim, over.previous_lease""", Tuple.class)
                .setParameter("opd", opdId).setParameter("max", maxDeliveries).setParameter("now", Timestamp.from(now))
                .getResultList());
    }

    /** Leases up to {@code limit} claimable requests of the OPD, oldest due first, to one claim. */
    public List<Touched> lease(long opdId, UUID claimId, String consumer, Instant leaseUntil, int limit, int maxDeliveries, Instant now) {
        return touched(em.createNativeQuery("""
                        with picked as (
                            select id, claim_id is not null as previous_claim, lease_until as previous_lease
                              from service_request
                             where opd_id = :opd and status = 'SUBMITTED' and not needs_attention
                               and delivery_count < :max and (lease_until is null or lease_until < :now)
                             order by due_date, id
                             limit :limit
                               for update skip locked)
                        update service_request r
                           set claim_id = :claim, claimed_by = :consumer, lease_until = :leaseUntil,
                               delivery_count = r.delivery_count + 1, version = r.version + 1, updated_at = :now
                          from picked where r.id = picked.id
                        returning r.id, picked.previous_claim, picked.previous_lease""", Tuple.class)
                .setParameter("opd", opdId).setParameter("max", maxDeliveries).setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit).setParameter("claim", claimId).setParameter("consumer", consumer)
                .setParameter("leaseUntil", Timestamp.from(leaseUntil))
                .getResultList());
    }

    /** Gives back, uncounted, what one claim took (its consumer went away before it could be told). */
    public List<Touched> abandon(UUID claimId, Instant now) {
        return touched(em.createNativeQuery("""
                        update service_request r
                           set claim_id = null, claimed_by = null, lease_until = null,
                               delivery_count = greatest(r.delivery_count - 1, 0), version = r.version + 1, updated_at = :now
                         where r.claim_id = :claim
                        returning r.id, true as previous_claim, cast(null as timestamptz) as previous_lease""", Tuple.class)
                .setParameter("claim", claimId).setParameter("now", Timestamp.from(now))
                .getResultList());
    }

    /** Ends up to {@code limit} leases that ran out before {@code now}: the requests are claimable again. */
    public List<Touched> endExpiredLeases(Instant now, int limit) {
        return touched(em.createNativeQuery("""
                        with expired as (
                            select id, lease_until as previous_lease from service_request
                             where claim_id is not null and lease_until < :now
                             order by lease_until
                             limit :limit
                               for update skip locked)
                        update service_request r
                           set claim_id = null, claimed_by = null, lease_until = null, version = r.version + 1, updated_at = :now
                          from expired where r.id = expired.id
                        returning r.id, true as previous_claim, expired.previous_lease""", Tuple.class)
                .setParameter("now", Timestamp.from(now)).setParameter("limit", limit)
                .getResultList());
    }

    /** The queue's version: one primary-key lookup. */
    public long version(long opdId) {
        List<?> rows = em.createNativeQuery("select version from opd_queue_state where opd_id = :opd")
                .setParameter("opd", opdId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Touched> touched(List<?> tuples) {
        return ((List<Tuple>) tuples).stream().map(Touched::of).toList();
    }
}
