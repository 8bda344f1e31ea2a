package id.go.layanandesa.request;

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

    @Inject
    EntityManager em;

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

    /** Records several changes at once (a claim's batch); observers hear of them together. */
    public List<RequestChange> recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<RequestChange> changes = new ArrayList<>(entries.size());
        List<RequestEvent> events = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            ServiceRequest r = entry.request();
            RequestEvent e = new RequestEvent();
            e.requestId = r.id;
            e.at = entry.at();
            e.type = entry.type();
            e.actorKind = entry.actor().kind();
            e.actorId = entry.actor().id();
            e.actorName = entry.actor().name();
            e.fromStatus = entry.from();
            e.toStatus = r.status;
            e.fromOpdId = entry.fromOpd();
            e.toOpdId = r.opdId;
            e.note = entry.note();
            e.publicNote = entry.publicNote();
            em.persist(e);
            events.add(e);
        }
        em.flush();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            ServiceRequest r = entry.request();
            RequestEvent e = events.get(i);
            RequestChange change = new RequestChange(e.id, r.id, r.kabupatenCode, r.desaCode, r.serviceTypeId, e.type, e.fromStatus,
                    e.toStatus, e.fromOpdId, e.toOpdId, e.at, entry.actor());
            changes.add(change);
            if (change.movedOpd()) {
                em.createNativeQuery("insert into request_opd (opd_id, request_id, filed_at) values (:o, :r, :f) on conflict do nothing")
                        .setParameter("o", r.opdId).setParameter("r", r.id)
                        .setParameter("f", java.sql.Timestamp.from(r.filedAt)).executeUpdate();
            }
        }
        announcements.fire(new RequestChanges(List.copyOf(changes)));
        pending().addAll(changes);
        return changes;
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
