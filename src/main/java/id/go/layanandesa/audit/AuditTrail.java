package id.go.layanandesa.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Writes the audit trail. {@link #write} adds an entry in the caller's transaction, so that it commits with the
 * change it records or not at all; reads are recorded through {@link AuditReads}, which batches them.
 */
@ApplicationScoped
public class AuditTrail {

    static final String INSERT = """
            insert into audit_entry (at, kabupaten_code, actor_kind, actor, actor_name, actor_role, action, target_type, target_id,
                                     request_ids, client_address, request_id, client_request_id, detail)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Adds the entry in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(AuditRecord entry) {
        em.unwrap(Session.class).doWork(c -> insert(c, List.of(entry), json));
    }

    /** Adds the entries over {@code c} in one batch. */
    static void insert(Connection c, List<AuditRecord> entries, ObjectMapper json) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            for (AuditRecord e : entries) {
                p.setTimestamp(1, Timestamp.from(e.at()));
                p.setString(2, e.who().kabupatenCode());
                p.setString(3, e.who().kind().name());
                p.setString(4, e.who().principal());
                p.setString(5, truncate(e.who().name(), 200));
                p.setString(6, e.who().role());
                p.setString(7, e.action());
                p.setString(8, e.targetType());
                p.setString(9, truncate(e.targetId(), 100));
                p.setArray(10, c.createArrayOf("bigint", e.requestIds().toArray()));
                p.setString(11, e.where().clientAddress());
                p.setString(12, e.where().requestId());
                p.setString(13, e.where().clientRequestId());
                if (e.detail().isEmpty()) {
                    p.setString(14, "{}");
                } else {
                    try {
                        p.setString(14, json.writeValueAsString(e.detail()));
                    } catch (JsonProcessingException ex) {
                        throw new SQLException("the detail of an audit entry is not JSON", ex);
                    }
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
