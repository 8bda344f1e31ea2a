package id.go.layanandesa.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.InputRules;
import id.go.layanandesa.common.error.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the audit trail: pages newest first with keyset paging on (at, id), and whole ranges for CSV. */
@ApplicationScoped
public class AuditStore {

    /**
     * Which entries: those of one kabupaten, or of the whole installation when {@code kabupatenCode} is null (the
     * operator's trail); what is not set does not filter.
     */
    public record Query(String kabupatenCode, Instant from, Instant to, String action, String actor, String targetType,
                        String targetId, Long requestId) {
    }

    /** A page and the cursor of the next (null on the last). */
    public record Page(List<AuditViews.Entry> items, String next) {
    }

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    public Page page(Query query, String cursor, int limit) {
        List<AuditViews.Entry> rows = fetch(query, Cursor.decode(cursor), limit + 1);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<AuditViews.Entry> items = rows.subList(0, limit);
        AuditViews.Entry last = items.get(limit - 1);
        return new Page(List.copyOf(items), new Cursor(last.at(), last.id()).encode());
    }

    /** Every entry of the query from the cursor on, newest first, read a thousand at a time. */
    public void each(Query query, String cursor, Consumer<AuditViews.Entry> each) {
        Cursor after = Cursor.decode(cursor);
        while (true) {
            List<AuditViews.Entry> rows = fetch(query, after, 1000);
            rows.forEach(each);
            if (rows.size() < 1000) {
                return;
            }
            AuditViews.Entry last = rows.get(rows.size() - 1);
            after = new Cursor(last.at(), last.id());
        }
    }

    /** Adds a condition on one parameter, only when the query sets its value: what it leaves out does not filter. */
    private static void and(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    private List<AuditViews.Entry> fetch(Query q, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, at, kabupaten_code, actor_kind, actor, actor_name, actor_role, action, target_type, target_id,
                       request_ids, client_address, request_id, client_request_id, detail::text as detail
                  from audit_entry where true""");
        List<Object> params = new ArrayList<>();
        and(sql, params, "kabupaten_code = ?", q.kabupatenCode());
        and(sql, params, "at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        and(sql, params, "at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        and(sql, params, "action = ?", q.action());
        and(sql, params, "actor = ?", q.actor());
        and(sql, params, "target_type = ?", q.targetType());
        and(sql, params, "target_id = ?", q.targetId());
        and(sql, params, "request_ids @> array[?]::bigint[]", q.requestId());
        if (after != null) {
            sql.append(" and (at, id) < (?, ?)");
            params.add(Timestamp.from(after.at()));
            params.add(after.id());
        }
        sql.append(" order by at desc, id desc limit ?");
        params.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            List<AuditViews.Entry> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(entry(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
    }

    private AuditViews.Entry entry(ResultSet rs) throws SQLException {
        String targetType = rs.getString("target_type");
        Long[] ids = (Long[]) rs.getArray("request_ids").getArray();
        Map<String, Object> detail;
        try {
            detail = json.readValue(rs.getString("detail"), DETAIL);
        } catch (java.io.IOException e) {
            throw new SQLException("an audit entry's detail is not JSON", e);
        }
        return new AuditViews.Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("kabupaten_code"),
                new AuditViews.Actor(AuditRecord.ActorKind.valueOf(rs.getString("actor_kind")), rs.getString("actor"),
                        rs.getString("actor_name"), rs.getString("actor_role")),
                rs.getString("action"), targetType == null ? null : new AuditViews.Target(targetType, rs.getString("target_id")),
                Arrays.asList(ids), rs.getString("client_address"), rs.getString("request_id"), rs.getString("client_request_id"),
                detail);
    }

    /** Where a page ended: the (at, id) of its last entry, opaque to clients. */
    record Cursor(Instant at, long id) {

        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
                // no entry lies outside the range of any record; the database could not compare such an instant
                if (InputRules.instantProblem(at) != null) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(at, Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this list gave out");
            }
        }
    }
}
