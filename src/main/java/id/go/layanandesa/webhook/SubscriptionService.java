package id.go.layanandesa.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.request.Cursor;
import id.go.layanandesa.request.RequestEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import id.go.layanandesa.common.SqlValues;

/**
 * Subscriptions of the kabupaten (made by its admins) and of OPDs (made by their systems). An admin sees and
 * manages every subscription of the kabupaten; an OPD system those of its OPD. Anything outside the caller's
 * scope is as absent as a missing one.
 */
@ApplicationScoped
@Transactional
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    @Inject
    EntityManager em;

    @Inject
    TargetPolicy targets;

    @Inject
    WebhookSecrets secrets;

    @Inject
    LayananConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    public SubscriptionViews.View create(Caller caller, SubscriptionViews.Body body) {
        WebhookSubscription s = new WebhookSubscription();
        s.kabupatenCode = caller.kabupatenCode();
        s.opdId = caller.role() == Role.OPD_SYSTEM ? caller.opdId() : null;
        apply(s, body);
        String secret = WebhookSecrets.generate();
        s.secret = secrets.seal(secret);
        s.secretPrefix = WebhookSecrets.shown(secret);
        s.createdBy = caller.principalKey();
        s.createdAt = now();
        s.updatedAt = s.createdAt;
        s.persist();
        em.flush();
        LOG.infof("webhook subscription %d created by %s", s.id, caller.principalKey());
        return view(s, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public SubscriptionViews.Page list(Caller caller, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        List<WebhookSubscription> found = em.createQuery("""
                        from WebhookSubscription where kabupatenCode = :k and (:opd is null or opdId = :opd) and id > :after
                        order by id""", WebhookSubscription.class)
                .setParameter("k", caller.kabupatenCode())
                .setParameter("opd", caller.role() == Role.OPD_SYSTEM ? caller.opdId() : null)
                .setParameter("after", after == null ? 0L : after.id())
                .setMaxResults(limit + 1).getResultList();
        List<SubscriptionViews.View> items = found.stream().limit(limit).map(s -> view(s, null)).toList();
        String next = found.size() > limit ? new Cursor("s", items.get(limit - 1).id()).encode() : null;
        return new SubscriptionViews.Page(items, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SubscriptionViews.View get(Caller caller, long id) {
        return view(find(caller, id, false), null);
    }

    public SubscriptionViews.View update(Caller caller, long id, String ifMatch, SubscriptionViews.Body body) {
        WebhookSubscription s = find(caller, id, true);
        ETags.checkIfMatch(ifMatch, s.version);
        apply(s, body);
        s.updatedAt = now();
        em.flush();
        if (s.active) {
            // what waited while it was paused goes now, from whichever instance
            notifyDispatchers();
        }
        return view(s, null);
    }

    public void delete(Caller caller, long id, String ifMatch) {
        WebhookSubscription s = find(caller, id, true);
        ETags.checkIfMatch(ifMatch, s.version);
        // its deliveries go with it (no foreign key does it: the outbox rows do not lock their subscription)
        em.createNativeQuery("delete from webhook_delivery where subscription_id = :s").setParameter("s", id).executeUpdate();
        s.delete();
        LOG.infof("webhook subscription %d deleted by %s", id, caller.principalKey());
    }

    /** A new secret, shown this once; the previous one keeps signing for the overlap (both signatures are sent). */
    public SubscriptionViews.View rotate(Caller caller, long id, String ifMatch) {
        WebhookSubscription s = find(caller, id, true);
        ETags.checkIfMatch(ifMatch, s.version);
        Instant now = now();
        String secret = WebhookSecrets.generate();
        s.previousSecret = s.secret;
        s.previousSecretUntil = now.plus(config.webhooks().secretOverlap());
        s.secret = secrets.seal(secret);
        s.secretPrefix = WebhookSecrets.shown(secret);
        s.updatedAt = now;
        em.flush();
        LOG.infof("webhook subscription %d: secret rotated by %s", id, caller.principalKey());
        return view(s, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public SubscriptionViews.DeliveryPage deliveries(Caller caller, long id, SubscriptionViews.DeliveryState state, String cursor, int limit) {
        find(caller, id, false);
        Cursor before = Cursor.decode(cursor);
        List<Tuple> rows = em.createNativeQuery(DELIVERY_COLUMNS + " " + """
                         where subscription_id = :s and id < :before and (cast(:state as text) is null or state = cast(:state as text))
                         order by id desc limit :limit""", Tuple.class)
                .setParameter("s", id)
                .setParameter("before", before == null ? Long.MAX_VALUE : before.id())
                .setParameter("state", state == null ? null : state.name())
                .setParameter("limit", limit + 1)
                .getResultList();
        List<SubscriptionViews.Delivery> items = rows.stream().limit(limit).map(t -> delivery(t, false)).toList();
        String next = rows.size() > limit ? new Cursor("d", items.get(limit - 1).id()).encode() : null;
        return new SubscriptionViews.DeliveryPage(items, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SubscriptionViews.Delivery delivery(Caller caller, long id, long deliveryId) {
        find(caller, id, false);
        return delivery(deliveryRow(id, deliveryId), true);
    }

    /**
     * Sends a delivery again as a new delivery of the same message (same webhook-id and body), behind what is pending
     * for the request now; the original stays in the log as it ended.
     */
    public SubscriptionViews.Delivery redeliver(Caller caller, long id, long deliveryId) {
        find(caller, id, true);
        Tuple original = deliveryRow(id, deliveryId);
        if ("PENDING".equals(original.get("state", String.class))) {
            throw ProblemException.conflict("DELIVERY_PENDING", "delivery " + deliveryId + " is still pending; it will be tried again by itself");
        }
        Timestamp now = Timestamp.from(now());
        Number created = (Number) em.createNativeQuery("""
                        insert into webhook_delivery (subscription_id, event_id, request_id, event_type, created_at, next_attempt_at,
                                                      redelivery_of, body)
                        select subscription_id, event_id, request_id, event_type, :now, :now, id, body
                          from webhook_delivery where id = :d
                        returning id""")
                .setParameter("now", now).setParameter("d", deliveryId).getSingleResult();
        notifyDispatchers();
        return delivery(deliveryRow(id, created.longValue()), false);
    }

    /** Wakes the dispatchers of every instance when this transaction commits. */
    private void notifyDispatchers() {
        em.createNativeQuery("select 1 from (select pg_notify('" + WebhookOutbox.CHANNEL + "', '')) n").getSingleResult();
    }

    private static final String DELIVERY_COLUMNS = """
            select id, event_id, request_id, event_type, state, attempts, created_at, first_attempt_at, last_attempt_at, last_status,
                   last_latency_ms, last_error, next_attempt_at, delivered_at, redelivery_of, body
              from webhook_delivery""";

    @SuppressWarnings("unchecked")
    private Tuple deliveryRow(long subscriptionId, long deliveryId) {
        List<Tuple> rows = em.createNativeQuery(DELIVERY_COLUMNS + " where subscription_id = :s and id = :d", Tuple.class)
                .setParameter("s", subscriptionId).setParameter("d", deliveryId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("delivery " + deliveryId + " of subscription " + subscriptionId);
        }
        return rows.get(0);
    }

    private SubscriptionViews.Delivery delivery(Tuple t, boolean withPayload) {
        SubscriptionViews.DeliveryState state = SubscriptionViews.DeliveryState.valueOf(t.get("state", String.class));
        long eventId = t.get("event_id", Number.class).longValue();
        WebhookEvent payload = null;
        String body = t.get("body", String.class);
        if (withPayload && body != null) {
            try {
                payload = mapper.readValue(body, WebhookEvent.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("delivery " + t.get("id") + " keeps a body that is no event", e);
            }
        }
        Number redeliveryOf = t.get("redelivery_of", Number.class);
        return new SubscriptionViews.Delivery(t.get("id", Number.class).longValue(), "evt_" + eventId, eventId,
                t.get("request_id", Number.class).longValue(), RequestEvent.EventType.valueOf(t.get("event_type", String.class)), state,
                t.get("attempts", Number.class).intValue(), instant(t, "created_at"), instant(t, "first_attempt_at"),
                instant(t, "last_attempt_at"), integer(t, "last_status"), integer(t, "last_latency_ms"), t.get("last_error", String.class),
                state == SubscriptionViews.DeliveryState.PENDING ? instant(t, "next_attempt_at") : null, instant(t, "delivered_at"),
                redeliveryOf == null ? null : redeliveryOf.longValue(), payload);
    }

    private void apply(WebhookSubscription s, SubscriptionViews.Body body) {
        List<Violation> violations = new ArrayList<>(targets.check("url", body.url().strip()));
        List<Long> serviceTypes = body.serviceTypeIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(body.serviceTypeIds()));
        if (!serviceTypes.isEmpty()) {
            long known = ((Number) em.createNativeQuery("select count(*) from service_type where kabupaten_code = :k and id = any(cast(:ids as bigint[]))")
                    .setParameter("k", s.kabupatenCode)
                    .setParameter("ids", "{" + String.join(",", serviceTypes.stream().map(String::valueOf).toList()) + "}")
                    .getSingleResult()).longValue();
            if (known != serviceTypes.size()) {
                violations.add(new Violation("serviceTypeIds", "must be services of kabupaten " + s.kabupatenCode));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        s.url = body.url().strip();
        s.description = body.description() == null || body.description().isBlank() ? null : body.description().strip();
        s.eventTypes = body.eventTypes() == null ? new String[0]
                : body.eventTypes().stream().distinct().sorted().map(Enum::name).toArray(String[]::new);
        s.serviceTypeIds = serviceTypes.stream().sorted().toArray(Long[]::new);
        s.personalData = Boolean.TRUE.equals(body.personalData());
        s.active = body.active() == null || body.active();
    }

    /** A subscription in the caller's scope: the kabupaten's for an admin, its OPD's for an OPD system. */
    private WebhookSubscription find(Caller caller, long id, boolean forUpdate) {
        WebhookSubscription s = forUpdate ? WebhookSubscription.findById(id, LockModeType.PESSIMISTIC_WRITE) : WebhookSubscription.findById(id);
        if (s == null || !s.kabupatenCode.equals(caller.kabupatenCode())
                || caller.role() == Role.OPD_SYSTEM && !caller.opdId().equals(s.opdId)) {
            throw ProblemException.notFound("webhook subscription " + id);
        }
        return s;
    }

    private SubscriptionViews.View view(WebhookSubscription s, String secret) {
        Instant now = clock.instant();
        SubscriptionViews.State state = !s.active ? SubscriptionViews.State.PAUSED
                : s.failingSince != null ? SubscriptionViews.State.FAILING : SubscriptionViews.State.ACTIVE;
        Instant previousUntil = s.previousSecretUntil != null && s.previousSecretUntil.isAfter(now) ? s.previousSecretUntil : null;
        return new SubscriptionViews.View(s.id, s.url, s.description, s.opdId,
                Arrays.stream(s.eventTypes).map(RequestEvent.EventType::valueOf).toList(), List.of(s.serviceTypeIds), s.personalData,
                s.active, state, s.failingSince, s.failingReason, s.secretPrefix, secret, previousUntil, s.createdBy, s.createdAt,
                s.updatedAt, s.version);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(Tuple t, String column) {
        return SqlValues.instant(t.get(column));
    }

    private static Integer integer(Tuple t, String column) {
        Number n = t.get(column, Number.class);
        return n == null ? null : n.intValue();
    }
}
