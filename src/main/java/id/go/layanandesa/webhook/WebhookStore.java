package id.go.layanandesa.webhook;

import id.go.layanandesa.common.UnnestColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static id.go.layanandesa.common.TransactionSql.instant;
import static id.go.layanandesa.common.TransactionSql.utc;

/**
 * The dispatcher's statements on the outbox, each on a connection of the caller's transaction. Claims take their
 * rows with SKIP LOCKED and put a lease on them, so that instances never send the same attempt; only the first
 * pending delivery of a request to a subscription is ever claimed, so that a request's events arrive in order.
 */
@ApplicationScoped
public class WebhookStore {

    /**
     * A delivery leased for one attempt, with what sending it needs. {@code body} is the one kept from an earlier
     * attempt, or the one made for this attempt ({@code newBody}), which its finish keeps.
     */
    public record Claimed(long id, long subscriptionId, long eventId, long requestId, String eventType, int attempt,
                          Instant firstAttemptAt, String body, boolean newBody, String url, boolean personalData, byte[] secret,
                          byte[] previousSecret, Instant previousSecretUntil) {
        /** The body its finish keeps: the one made for this attempt; null when an earlier attempt's is kept already. */
        String bodyToKeep() {
            return newBody ? body : null;
        }
    }

    /** How an attempt ended: DELIVERED, or PENDING again at {@code nextAttemptAt}, or GIVEN_UP; {@code body} when it is kept now. */
    public record Finished(long id, int attempt, String state, Instant nextAttemptAt, Integer status, int latencyMs, String error,
                           Instant deliveredAt, String body) {
    }

    /** Attempts in flight by subscription, as the claim's unnest reads them. */
    private static final UnnestColumns<Map.Entry<Long, Integer>> BUSY = UnnestColumns.<Map.Entry<Long, Integer>>of()
            .bigint(Map.Entry::getKey).integer(Map.Entry::getValue);

    /** Attempts' ends as {@link #finish}'s unnest reads them. */
    private static final UnnestColumns<Finished> FINISHED = UnnestColumns.<Finished>of()
            .bigint(Finished::id).integer(Finished::attempt).text(Finished::state).instant(Finished::nextAttemptAt)
            .integer(Finished::status).integer(Finished::latencyMs).text(Finished::error).instant(Finished::deliveredAt)
            .text(Finished::body);

    /** A delivery whose finish was recorded (the lease was still ours). */
    public record Recorded(long id, long subscriptionId, String state) {
    }

    /** What a delivery's body is made of: the change, its request and the kabupaten's wording. */
    public record Source(long deliveryId, boolean personalData, long eventId, String type, Instant at, String fromStatus,
                         String toStatus, String actorKind, String publicNote, long requestId, String trackingCode,
                         String kabupatenCode, String desaCode, String desaName, Instant filedAt, LocalDate dueDate,
                         String citizenName, String citizenPhone, long serviceTypeId, String serviceTypeCode, String serviceTypeName,
                         int serviceTypeVersion, Long fromOpdId, String fromOpdCode, String fromOpdName, Long toOpdId,
                         String toOpdCode, String toOpdName, String template) {
    }

    /**
     * Starts a dispatcher pass in the caller's transaction: its statements keep one generic plan each, since what they
     * do does not depend on the batch at hand (PostgreSQL would otherwise plan the recording of attempts anew on every
     * pass).
     */
    public void startPass(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set local plan_cache_mode = force_generic_plan");
        }
    }

    /**
     * Leases up to {@code limit} due deliveries for one attempt each: per active subscription at most
     * {@code perSubscription} less what this instance has in flight to it ({@code busy}), and of each request only
     * the first pending one. One statement: it locks the due rows (SKIP LOCKED: what another instance holds is left
     * to it), puts the lease on them and reads, for those without a body yet, what the body is made of; the bodies
     * are made here ({@code bodyOf}) and kept when the attempt's end is recorded, so that every later attempt sends
     * the same message. An attempt whose end was never recorded (the instance stopped) leaves no body: the next one
     * makes it again from the same change.
     */
    public List<Claimed> claim(Connection c, Instant now, Instant leaseUntil, int limit, int perSubscription, Map<Long, Integer> busy,
                               Function<Source, String> bodyOf) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                with busy as (select * from unnest(?::bigint[], ?::int[]) as b(subscription_id, n)),
                heads as (
                    select h.id
                      from webhook_subscription s
                      left join busy b on b.subscription_id = s.id
                     cross join lateral (
                           select d.id from webhook_delivery d
                            where d.subscription_id = s.id and d.state = 'PENDING' and d.next_attempt_at <= ?
                              and (d.lease_until is null or d.lease_until <= ?)
                              and not exists (select 1 from webhook_delivery e
                                               where e.subscription_id = d.subscription_id and e.request_id = d.request_id
                                                 and e.state = 'PENDING' and e.id < d.id)
                            order by d.next_attempt_at, d.id
                            limit greatest(? - coalesce(b.n, 0), 0)) h
                     where s.active),
                picked as (
                    select d.id
                      from webhook_delivery d
                     -- by primary key: as a join, the planner may read the whole outbox to find the few heads
                     where d.id = any(array(select id from heads)) and d.state = 'PENDING' and (d.lease_until is null or d.lease_until <= ?)
                     order by d.next_attempt_at, d.id
                     limit ?
                       for update of d skip locked),
                leased as (
                    update webhook_delivery d
                       set lease_until = ?, attempts = d.attempts + 1, last_attempt_at = ?, first_attempt_at = coalesce(d.first_attempt_at, ?)
                      from picked k
                     where d.id = k.id
                    returning d.id, d.subscription_id, d.event_id, d.request_id, d.event_type, d.attempts, d.first_attempt_at, d.body,
                              d.next_attempt_at)
                select k.*, s.url, s.personal_data, s.secret, s.previous_secret, s.previous_secret_until,
                       e.type, e.at, e.from_status, e.to_status, e.actor_kind, e.public_note, r.tracking_code, r.kabupaten_code,
                       r.desa_code, dr.name as desa_name, r.filed_at, r.due_date, r.citizen_name, r.citizen_phone, r.service_type_version,
                       t.id as service_type_id, t.code as service_type_code, t.name as service_type_name,
                       fo.id as from_opd_id, fo.code as from_opd_code, fo.name as from_opd_name,
                       tp.id as to_opd_id, tp.code as to_opd_code, tp.name as to_opd_name, m.text as template
                  from leased k
                  join webhook_subscription s on s.id = k.subscription_id
                  left join request_event e on k.body is null and e.id = k.event_id
                  left join service_request r on r.id = e.request_id
                  left join service_type t on t.id = r.service_type_id
                  left join region dr on dr.code = r.desa_code
                  left join opd fo on fo.id = e.from_opd_id
                  left join opd tp on tp.id = e.to_opd_id
                  left join citizen_message_template m on m.kabupaten_code = r.kabupaten_code and m.status = e.to_status
                 order by k.next_attempt_at, k.id""")) {
            BUSY.bind(c, p, 1, List.copyOf(busy.entrySet()));
            p.setObject(3, utc(now));
            p.setObject(4, utc(now));
            p.setInt(5, perSubscription);
            p.setObject(6, utc(now));
            p.setInt(7, limit);
            p.setObject(8, utc(leaseUntil));
            p.setObject(9, utc(now));
            p.setObject(10, utc(now));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String body = rs.getString("body");
                    boolean newBody = body == null;
                    if (newBody) {
                        body = bodyOf.apply(source(rs));
                    }
                    claimed.add(new Claimed(rs.getLong("id"), rs.getLong("subscription_id"), rs.getLong("event_id"),
                            rs.getLong("request_id"), rs.getString("event_type"), rs.getInt("attempts"),
                            instant(rs, "first_attempt_at"), body, newBody, rs.getString("url"), rs.getBoolean("personal_data"),
                            rs.getBytes("secret"), rs.getBytes("previous_secret"), instant(rs, "previous_secret_until")));
                }
            }
            return claimed;
        }
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getLong("id"), rs.getBoolean("personal_data"), rs.getLong("event_id"),
                rs.getString("type"), instant(rs, "at"), rs.getString("from_status"), rs.getString("to_status"),
                rs.getString("actor_kind"), rs.getString("public_note"), rs.getLong("request_id"), rs.getString("tracking_code"),
                rs.getString("kabupaten_code"), rs.getString("desa_code"), rs.getString("desa_name"), instant(rs, "filed_at"),
                rs.getObject("due_date", LocalDate.class), rs.getString("citizen_name"), rs.getString("citizen_phone"),
                rs.getLong("service_type_id"), rs.getString("service_type_code"), rs.getString("service_type_name"),
                rs.getInt("service_type_version"), (Long) rs.getObject("from_opd_id"), rs.getString("from_opd_code"),
                rs.getString("from_opd_name"), (Long) rs.getObject("to_opd_id"), rs.getString("to_opd_code"),
                rs.getString("to_opd_name"), rs.getString("template"));
    }

    /**
     * Records how attempts ended, with the body an attempt made, each only while the attempt is still the delivery's
     * latest (the lease was ours). A subscription that took a delivery is healthy again, and what waits for a retry of
     * it goes now: a receiver that was down gets its backlog as soon as it is back, not only when each delivery's
     * backoff ends.
     */
    public List<Recorded> finish(Connection c, List<Finished> finished, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                with done as (
                    update webhook_delivery d
                       set state = r.state, lease_until = null,
                           next_attempt_at = coalesce(cast(r.next_attempt_at as timestamptz), d.next_attempt_at),
                           last_status = r.status, last_latency_ms = r.latency, last_error = r.error,
                           delivered_at = cast(r.delivered_at as timestamptz), body = coalesce(d.body, r.body)
                      from unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[])
                           as r(id, attempt, state, next_attempt_at, status, latency, error, delivered_at, body)
                     where d.id = r.id and d.attempts = r.attempt and d.state = 'PENDING'
                    returning d.id, d.subscription_id, d.state),
                healthy as (
                    update webhook_subscription s set failing_since = null, failing_reason = null
                     where s.id in (select subscription_id from done where state = 'DELIVERED') and s.failing_since is not null
                    returning s.id),
                sooner as (
                    -- rows this statement finishes are leased in its snapshot: never touched twice
                    update webhook_delivery w set next_attempt_at = ?
                     where w.subscription_id in (select subscription_id from done where state = 'DELIVERED')
                       and w.state = 'PENDING' and w.attempts > 0 and w.next_attempt_at > ? and w.lease_until is null
                    returning w.id)
                select id, subscription_id, state from done""")) {
            int i = FINISHED.bind(c, p, 1, finished);
            p.setObject(i, utc(now));
            p.setObject(i + 1, utc(now));
            List<Recorded> recorded = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    recorded.add(new Recorded(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("state")));
                }
            }
            return recorded;
        }
    }

    /** Marks a subscription failing (keeping when it started), with why. */
    public void markFailing(Connection c, long subscriptionId, Instant now, String reason) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                update webhook_subscription set failing_since = coalesce(failing_since, ?), failing_reason = ? where id = ?""")) {
            p.setObject(1, utc(now));
            p.setString(2, reason);
            p.setLong(3, subscriptionId);
            p.executeUpdate();
        }
    }

    /** The next time a pending delivery of an active subscription becomes due, after {@code now}; null when none. */
    public Instant nextDue(Connection c, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                select min(d.next_attempt_at) as due
                  from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id and s.active
                 where d.state = 'PENDING' and d.next_attempt_at > ?""")) {
            p.setObject(1, utc(now));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return instant(rs, "due");
            }
        }
    }

    /** Deletes up to {@code limit} finished deliveries made before {@code before}; how many. */
    public int purge(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                delete from webhook_delivery where id in (
                    select id from webhook_delivery where state <> 'PENDING' and created_at < ? limit ?)""")) {
            p.setObject(1, utc(before));
            p.setInt(2, limit);
            return p.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code limit} deliveries whose subscription is gone: queued by a change whose transaction still
     * saw the subscription while its deletion committed. They are never claimed (a claim starts from the active
     * subscriptions) and never finished, so they are pending; how many went.
     */
    public int purgeOrphans(Connection c, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                delete from webhook_delivery where id in (
                    select d.id from webhook_delivery d
                     where d.state = 'PENDING' and not exists (select 1 from webhook_subscription s where s.id = d.subscription_id)
                     limit ?)""")) {
            p.setInt(1, limit);
            return p.executeUpdate();
        }
    }

}
