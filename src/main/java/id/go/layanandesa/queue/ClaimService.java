package id.go.layanandesa.queue;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.RequestDetails;
import id.go.layanandesa.request.RequestEvent.EventType;
import id.go.layanandesa.request.RequestJournal;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestViews;
import id.go.layanandesa.request.ServiceRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands SUBMITTED requests of one OPD to one consumer for a lease, oldest due first. SKIP LOCKED keeps concurrent
 * claims (on this instance or another) from ever taking the same request, and a request whose lease ran out is
 * claimable again. A request delivered too many times is flagged for a person instead of delivered again. Every
 * claim, flag, lease that ran out and give-back is in the request's history.
 */
@ApplicationScoped
public class ClaimService {

    /** Leases ended per sweep; more wait for the next one. */
    private static final int SWEEP_BATCH = 500;

    public record Claim(UUID claimId, Instant leaseUntil, List<RequestViews.RequestDetail> items) {
    }

    @Inject
    EntityManager em;

    @Inject
    QueueStore store;

    @Inject
    RequestJournal journal;

    @Inject
    RequestDetails details;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Claim claim(Actor actor, long opdId, String consumer, int limit, Duration lease) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID claimId = UUID.randomUUID();
        Instant leaseUntil = now.plus(lease);
        int maxDeliveries = config.queue().maxDeliveries();
        List<QueueStore.Touched> flagged = store.flagOverDelivered(opdId, maxDeliveries, now);
        List<QueueStore.Touched> leased = store.lease(opdId, claimId, consumer, leaseUntil, limit, maxDeliveries, now);
        if (flagged.isEmpty() && leased.isEmpty()) {
            return new Claim(claimId, leaseUntil, List.of());
        }
        Map<Long, ServiceRequest> requests = load(flagged, leased);
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (QueueStore.Touched t : flagged) {
            ServiceRequest r = requests.get(t.id());
            leaseRanOut(entries, r, t);
            entries.add(new RequestJournal.Entry(r, EventType.FLAGGED, Actor.SYSTEM, now, RequestStatus.SUBMITTED, r.opdId,
                    "delivered " + r.deliveryCount + " times without being worked: a person should look"));
        }
        for (QueueStore.Touched t : leased) {
            ServiceRequest r = requests.get(t.id());
            leaseRanOut(entries, r, t);
            entries.add(new RequestJournal.Entry(r, EventType.CLAIMED, actor, now, RequestStatus.SUBMITTED, r.opdId,
                    "claimed by " + consumer + " until " + leaseUntil + (r.deliveryCount > 1 ? " (delivery " + r.deliveryCount + ")" : "")));
        }
        journal.recordAll(entries);
        List<ServiceRequest> claimed = new ArrayList<>(leased.stream().map(t -> requests.get(t.id())).toList());
        claimed.sort(Comparator.comparing((ServiceRequest r) -> r.dueDate).thenComparing(r -> r.id));
        return new Claim(claimId, leaseUntil, details.ofAll(claimed));
    }

    /** Gives back what a consumer that went away had just claimed, as if it had not been delivered. */
    @Transactional
    public void abandon(Claim claim) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<QueueStore.Touched> given = store.abandon(claim.claimId(), now);
        Map<Long, ServiceRequest> requests = load(given, List.of());
        journal.recordAll(given.stream().map(t -> new RequestJournal.Entry(requests.get(t.id()), EventType.RELEASED, Actor.SYSTEM, now,
                RequestStatus.SUBMITTED, requests.get(t.id()).opdId, "the consumer went away before the claim reached it")).toList());
    }

    /**
     * Ends the leases that ran out, on whichever instance gets there first: the requests are in the queue again,
     * their history says so, and claims waiting on their queues wake.
     */
    @Scheduled(every = "${layanan.queue.lease-sweep:2s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void endExpiredLeases() {
        List<QueueStore.Touched> expired = store.endExpiredLeases(clock.instant().truncatedTo(ChronoUnit.MICROS), SWEEP_BATCH);
        if (expired.isEmpty()) {
            return;
        }
        Map<Long, ServiceRequest> requests = load(expired, List.of());
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (QueueStore.Touched t : expired) {
            leaseRanOut(entries, requests.get(t.id()), t);
        }
        journal.recordAll(entries);
    }

    private static void leaseRanOut(List<RequestJournal.Entry> entries, ServiceRequest r, QueueStore.Touched t) {
        if (t.leaseRanOut()) {
            entries.add(new RequestJournal.Entry(r, EventType.LEASE_EXPIRED, Actor.SYSTEM, t.previousLease(), RequestStatus.SUBMITTED,
                    r.opdId, "the lease ran out at " + t.previousLease() + " before the request was worked"));
        }
    }

    private Map<Long, ServiceRequest> load(List<QueueStore.Touched> a, List<QueueStore.Touched> b) {
        List<Long> ids = new ArrayList<>();
        a.forEach(t -> ids.add(t.id()));
        b.forEach(t -> ids.add(t.id()));
        Map<Long, ServiceRequest> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("from ServiceRequest where id in :ids", ServiceRequest.class).setParameter("ids", ids).getResultList()
                    .forEach(r -> byId.put(r.id, r));
        }
        return byId;
    }
}
