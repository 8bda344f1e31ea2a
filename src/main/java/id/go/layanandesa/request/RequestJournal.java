package id.go.layanandesa.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.SequenceIds;
import id.go.layanandesa.common.TransactionSql;
import id.go.layanandesa.common.UnnestColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one funnel of what happens to a request. Every change is appended to the request's history here and
 * announced, in the same transaction, as {@link RequestChanges} at once and as {@link RequestChangesCommitting}
 * just before the commit: the queue's signals, the desa's list version and later observers (the event outbox,
 * the audit) see exactly what the history records. Nothing ever changes or removes a history entry.
 */
@ApplicationScoped
public class RequestJournal {

    /**
     * A change to record: the request as it is after the change, and where it came from. The note is internal;
     * the public note is what the citizen may read.
     */
    public record Entry(ServiceRequest request, RequestEvent.EventType type, Actor actor, Instant at, RequestStatus from,
                        Long fromOpd, String note, String publicNote) {

        /** A change without a public note. */
        public Entry(ServiceRequest request, RequestEvent.EventType type, Actor actor, Instant at, RequestStatus from,
                     Long fromOpd, String note) {
            this(request, type, actor, at, from, fromOpd, note, null);
        }
    }

    /** A new request's row; the history's statements follow it in the same round trip. */
    private static final String INSERT_REQUEST = """
            insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                                         service_type_version, opd_id, routing_rule_id, status, citizen_nik, citizen_name,
                                         citizen_phone, citizen_address, answers, documents, note, filed_by, filed_at, due_date,
                                         version, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?);
            """;

    /** The entries, in order, and each request that came to an OPD it was not in before, in that OPD's list. */
    private static final String INSERT_EVENTS = """
            insert into request_event (id, request_id, at, type, actor_kind, actor_id, actor_name, from_status, to_status,
                                       from_opd_id, to_opd_id, note, public_note)
            select * from unnest(?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                 ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[]);
            insert into request_opd (opd_id, request_id, filed_at)
            select * from unnest(?::bigint[], ?::bigint[], ?::timestamptz[])
            on conflict do nothing""";

    @Inject
    EntityManager em;

    @Inject
    TransactionSql sql;

    @Inject
    SequenceIds ids;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<RequestChanges> announcements;

    @Inject
    Event<RequestChangesCommitting> committing;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DataSource dataSource;

    public RequestChange record(ServiceRequest request, RequestEvent.EventType type, Actor actor, Instant at, RequestStatus from,
                                Long fromOpd, String note) {
        return record(request, type, actor, at, from, fromOpd, note, null);
    }

    public RequestChange record(ServiceRequest request, RequestEvent.EventType type, Actor actor, Instant at, RequestStatus from,
                                Long fromOpd, String note, String publicNote) {
        return recordAll(List.of(new Entry(request, type, actor, at, from, fromOpd, note, publicNote))).get(0);
    }

    /**
     * Records a new request and its FILED entry: the request's row, the entry and the request's place in its OPD's
     * list go to PostgreSQL as one round trip. The request is not an entity of the ORM's session; its id is set here.
     */
    public RequestChange file(ServiceRequest request, Actor actor, Instant at, String note) {
        Entry entry = new Entry(request, RequestEvent.EventType.FILED, actor, at, null, null, note);
        return announce(sql.run("file request", c -> {
            request.id = ids.next(c, "service_request_seq");
            return write(c, List.of(entry), INSERT_REQUEST, p -> TransactionSql.bind(p, 1, request.id, request.trackingCode,
                    request.kabupatenCode, request.kecamatanCode, request.desaCode, request.serviceTypeId, request.serviceTypeVersion,
                    request.opdId, request.routingRuleId, request.status, request.citizenNik, request.citizenName, request.citizenPhone,
                    request.citizenAddress, json(request.answers), json(request.documents), request.note, request.filedBy,
                    request.filedAt, request.dueDate, request.version, request.updatedAt));
        })).get(0);
    }

    /**
     * Records several changes at once (a claim's batch); observers hear of them together. The requests' own changes,
     * made on entities of the ORM's session, are flushed first.
     */
    public List<RequestChange> recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        em.flush();
        return announce(sql.run("record request events", c -> write(c, entries, "", p -> 1)));
    }

    /** Binds the statements before the history's: their parameters, the index of the next. */
    private interface Before {
        int bind(PreparedStatement p) throws SQLException;
    }

    /** A history entry as it is written: the change it records, and its notes. */
    private record Written(RequestChange change, String note, String publicNote) {
    }

    /** A request that came to an OPD's list. */
    private record Moved(Long opdId, long requestId, Instant filedAt) {
    }

    private static final UnnestColumns<Written> EVENTS = UnnestColumns.<Written>of()
            .bigint(w -> w.change().eventId()).bigint(w -> w.change().requestId()).instant(w -> w.change().at())
            .name(w -> w.change().type()).text(w -> w.change().actor().kind()).bigint(w -> w.change().actor().id())
            .text(w -> w.change().actor().name()).name(w -> w.change().fromStatus()).name(w -> w.change().toStatus())
            .bigint(w -> w.change().fromOpdId()).bigint(w -> w.change().toOpdId()).text(Written::note).text(Written::publicNote);

    private static final UnnestColumns<Moved> MOVED = UnnestColumns.<Moved>of()
            .bigint(Moved::opdId).bigint(Moved::requestId).instant(Moved::filedAt);

    private List<RequestChange> write(Connection c, List<Entry> entries, String before, Before binder) throws SQLException {
        List<RequestChange> changes = new ArrayList<>(entries.size());
        List<Written> written = new ArrayList<>(entries.size());
        List<Moved> moved = new ArrayList<>();
        for (Entry entry : entries) {
            ServiceRequest r = entry.request();
            RequestChange change = new RequestChange(ids.next(c, "request_event_seq"), r.id, r.kabupatenCode, r.desaCode,
                    r.serviceTypeId, entry.type(), entry.from(), r.status, entry.fromOpd(), r.opdId, entry.at(), entry.actor());
            changes.add(change);
            written.add(new Written(change, entry.note(), entry.publicNote()));
            if (change.movedOpd()) {
                moved.add(new Moved(r.opdId, r.id, r.filedAt));
            }
        }
        try (PreparedStatement p = c.prepareStatement(before + INSERT_EVENTS)) {
            int i = binder.bind(p);
            i = EVENTS.bind(c, p, i, written);
            MOVED.bind(c, p, i, moved);
            p.execute();
        }
        return changes;
    }

    private List<RequestChange> announce(List<RequestChange> changes) {
        announcements.fire(new RequestChanges(List.copyOf(changes)));
        pending().addAll(changes);
        return changes;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The observers' statements, sent together: one prepared statement of several, whose parameters follow each other,
     * so that PostgreSQL gets them in one round trip and runs them in order; each answer goes to its reader.
     */
    private void execute(List<RequestChangesCommitting.Statement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (RequestChangesCommitting.Statement s : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(s.sql());
        }
        // plain JDBC on the transaction's own connection: this runs while the transaction completes
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (RequestChangesCommitting.Statement s : statements) {
                next = s.binder().bind(c, p, next);
            }
            boolean rows = p.execute();
            for (RequestChangesCommitting.Statement s : statements) {
                if (rows && s.reader() != null) {
                    try (ResultSet rs = p.getResultSet()) {
                        s.reader().read(rs);
                    }
                }
                rows = p.getMoreResults();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + statements.stream().map(RequestChangesCommitting.Statement::purpose)
                    .collect(java.util.stream.Collectors.joining(", ")) + " before the commit", e);
        }
    }

    /** The changes of the current transaction so far; the first call arranges their announcement before commit. */
    @SuppressWarnings("unchecked")
    private List<RequestChange> pending() {
        List<RequestChange> pending = (List<RequestChange>) transactions.getResource(RequestJournal.class);
        if (pending == null) {
            List<RequestChange> list = new ArrayList<>();
            List<Runnable> afterCommit = new ArrayList<>();
            transactions.putResource(RequestJournal.class, list);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE && !list.isEmpty()) {
                        List<RequestChangesCommitting.Statement> statements = new ArrayList<>();
                        committing.fire(new RequestChangesCommitting(List.copyOf(list), afterCommit::add, statements::add));
                        execute(statements);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        afterCommit.forEach(Runnable::run);
                    }
                }
            });
            pending = list;
        }
        return pending;
    }
}
