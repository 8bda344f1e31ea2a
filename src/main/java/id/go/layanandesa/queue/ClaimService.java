package id.go.layanandesa.queue;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.request.RequestDetails;
import id.go.layanandesa.request.RequestViews;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Hands SUBMITTED requests of one OPD to one consumer for a lease, oldest due first. One statement
 * does it: SKIP LOCKED keeps concurrent claims (on this instance or another) from ever taking the same
 * request, and a request whose lease ran out is claimable again. A request delivered too many times is
 * flagged for a person instead of delivered again.
 */
@ApplicationScoped
public class ClaimService {

    private static final String CLAIM = """
            with flagged as (
                update service_request
                   set needs_attention = true, claim_id = null, claimed_by = null, lease_until = null
                 where opd_id = :opd and status = 'SUBMITTED' and not needs_attention
                   and delivery_count >= :maxDeliveries and (lease_until is null or lease_until < :now)
                returning id
            ), flag_events as (
                insert into request_event (id, request_id, at, type, actor_kind, actor_name, from_status, to_status,
                                           from_opd_id, to_opd_id, note)
                select nextval('request_event_seq'), id, :now, 'FLAGGED', 'SYSTEM', 'layanan-desa', 'SUBMITTED', 'SUBMITTED',
                       :opd, :opd, 'delivered ' || :maxDeliveries || ' times without being worked: a person should look'
                  from flagged
            ), flag_bump as (
                update opd_queue_state set version = version + 1, changed_at = :now
                 where opd_id = :opd and exists (select 1 from flagged)
            ), picked as (
                select id from service_request
                 where opd_id = :opd and status = 'SUBMITTED' and not needs_attention
                   and delivery_count < :maxDeliveries and (lease_until is null or lease_until < :now)
                 order by due_date, id
                 limit :limit
                 for update skip locked
            )
            update service_request r
               set claim_id = :claim, claimed_by = :consumer, lease_until = :leaseUntil,
                   delivery_count = r.delivery_count + 1
              from picked
             where r.id = picked.id
            returning r.id
            """;

    public record Claim(UUID claimId, Instant leaseUntil, List<RequestViews.RequestDetail> items) {
    }

    @Inject
    EntityManager em;

    @Inject
    RequestDetails details;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Claim claim(long opdId, String consumer, int limit, Duration lease) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID claimId = UUID.randomUUID();
        Instant leaseUntil = now.plus(lease);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(CLAIM)
                .setParameter("opd", opdId)
                .setParameter("now", Timestamp.from(now))
                .setParameter("maxDeliveries", config.queue().maxDeliveries())
                .setParameter("limit", limit)
                .setParameter("claim", claimId)
                .setParameter("consumer", consumer)
                .setParameter("leaseUntil", Timestamp.from(leaseUntil))
                .getResultList();
        if (ids.isEmpty()) {
            return new Claim(claimId, leaseUntil, List.of());
        }
        List<Long> idList = ids.stream().map(Number::longValue).toList();
        List<ServiceRequest> requests = new ArrayList<>(em.createQuery("from ServiceRequest where id in :ids", ServiceRequest.class)
                .setParameter("ids", idList).getResultList());
        requests.sort(Comparator.comparing((ServiceRequest r) -> r.dueDate).thenComparing(r -> r.id));
        return new Claim(claimId, leaseUntil, details.ofAll(requests));
    }

    /** Gives back what a consumer that went away had just claimed. */
    @Transactional
    public void abandon(Claim claim) {
        em.createNativeQuery("""
                        update service_request set claim_id = null, claimed_by = null, lease_until = null,
                               delivery_count = greatest(delivery_count - 1, 0)
                         where claim_id = :claim""")
                .setParameter("claim", claim.claimId())
                .executeUpdate();
    }
}
