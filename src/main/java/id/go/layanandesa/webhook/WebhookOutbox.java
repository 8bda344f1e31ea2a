package id.go.layanandesa.webhook;

import id.go.layanandesa.common.TransactionSql;
import id.go.layanandesa.common.UnnestColumns;
import id.go.layanandesa.request.RequestChange;
import id.go.layanandesa.request.RequestChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The transactional outbox. Every change of a request, as the journal announces it, becomes one delivery per
 * subscription that wants it, written in the transaction of the change: the change and its deliveries commit
 * together or not at all. One statement per announcement (a claim's batch included); where nobody subscribed it
 * writes nothing. A paused subscription's deliveries wait until it is active again. On commit PostgreSQL notifies
 * every instance, whose dispatcher wakes.
 */
@ApplicationScoped
public class WebhookOutbox {

    public static final String CHANNEL = "layanan_webhooks";

    private static final String QUEUE = """
            with queued as (
                insert into webhook_delivery (subscription_id, event_id, request_id, event_type, created_at, next_attempt_at)
                select s.id, e.event_id, e.request_id, e.type, ?, ?
                  from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) with ordinality
                       as e(event_id, request_id, kabupaten_code, type, service_type_id, from_opd_id, to_opd_id, ord)
                  join webhook_subscription s on s.kabupaten_code = e.kabupaten_code
                   and (s.opd_id is null or s.opd_id = e.from_opd_id or s.opd_id = e.to_opd_id)
                   and (cardinality(s.event_types) = 0 or e.type = any(s.event_types))
                   and (cardinality(s.service_type_ids) = 0 or e.service_type_id = any(s.service_type_ids))
                 order by e.ord, s.id
                returning 1)
            select pg_notify('%s', '') from (select 1 from queued limit 1) q""".formatted(CHANNEL);

    /** The changes as the statement's unnest reads them. */
    private static final UnnestColumns<RequestChange> CHANGES = UnnestColumns.<RequestChange>of()
            .bigint(RequestChange::eventId).bigint(RequestChange::requestId).text(RequestChange::kabupatenCode).name(RequestChange::type)
            .bigint(RequestChange::serviceTypeId).bigint(RequestChange::fromOpdId).bigint(RequestChange::toOpdId);

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    void changed(@Observes RequestChanges announcement) {
        List<RequestChange> changes = announcement.changes();
        OffsetDateTime now = TransactionSql.utc(clock.instant());
        // the transaction's own connection: the deliveries commit with the change
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(QUEUE)) {
            p.setObject(1, now);
            p.setObject(2, now);
            CHANGES.bind(c, p, 3, changes);
            p.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue the webhook deliveries of " + changes.size() + " request changes", e);
        }
    }
}
