package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.holiday.WorkingDays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists of requests with keyset pagination, shared by the desa's list and the OPD's queue. */
@ApplicationScoped
public class RequestQueries {

    public enum Sort { FILED_DESC, FILED_ASC, DUE_ASC }

    /** Which requests a list shows; null members do not filter. */
    public record Filter(String kabupatenCode, String desaCode, String kecamatanCode, Long opdId, List<RequestStatus> statuses,
                         Long serviceTypeId, Instant filedFrom, Instant filedTo, Boolean overdue, String assignedTo,
                         Boolean needsAttention) {
    }

    @Inject
    EntityManager em;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    public RequestViews.RequestPage list(Filter filter, Sort sort, String cursorText, int limit) {
        Cursor cursor = Cursor.decode(cursorText);
        StringBuilder sql = new StringBuilder("""
                select r.id, r.tracking_code, r.service_type_id, s.code, s.name, r.service_type_version, r.status,
                       r.citizen_nik, r.citizen_name, r.desa_code, r.opd_id, o.code, o.name, r.filed_at, r.due_date,
                       r.needs_attention, r.version
                  from service_request r
                  join service_type s on s.id = r.service_type_id
                  join opd o on o.id = r.opd_id
                 where true""");
        Map<String, Object> params = new HashMap<>();
        LocalDate today = workingDays.localDate(filter.kabupatenCode(), clock.instant());
        if (filter.kabupatenCode() != null) {
            sql.append(" and r.kabupaten_code = :kab");
            params.put("kab", filter.kabupatenCode());
        }
        if (filter.desaCode() != null) {
            sql.append(" and r.desa_code = :desa");
            params.put("desa", filter.desaCode());
        }
        if (filter.kecamatanCode() != null) {
            sql.append(" and r.kecamatan_code = :kec");
            params.put("kec", filter.kecamatanCode());
        }
        if (filter.opdId() != null) {
            sql.append(" and r.opd_id = :opd");
            params.put("opd", filter.opdId());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            // Literals, not a bind parameter: the planner can then prove that the open-work partial indexes
            // (V40) cover the query, also in a cached generic plan. Enum names are fixed identifiers.
            sql.append(" and r.status in (").append(filter.statuses().stream().distinct().map(s -> "'" + s.name() + "'")
                    .collect(java.util.stream.Collectors.joining(", "))).append(")");
        }
        if (filter.serviceTypeId() != null) {
            sql.append(" and r.service_type_id = :st");
            params.put("st", filter.serviceTypeId());
        }
        if (filter.filedFrom() != null) {
            sql.append(" and r.filed_at >= :from");
            params.put("from", Timestamp.from(filter.filedFrom()));
        }
        if (filter.filedTo() != null) {
            sql.append(" and r.filed_at < :to");
            params.put("to", Timestamp.from(filter.filedTo()));
        }
        if (filter.overdue() != null) {
            sql.append(filter.overdue()
                    ? " and r.due_date < :today and r.status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO')"
                    : " and not (r.due_date < :today and r.status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO'))");
            params.put("today", Date.valueOf(today));
        }
        if (filter.assignedTo() != null) {
            sql.append(" and r.assigned_to = :assignee");
            params.put("assignee", filter.assignedTo());
        }
        if (filter.needsAttention() != null) {
            sql.append(" and r.needs_attention = :attention");
            params.put("attention", filter.needsAttention());
        }
        if (cursor != null) {
            try {
                switch (sort) {
                    case FILED_DESC -> {
                        sql.append(" and (r.filed_at, r.id) < (:cv, :cid)");
                        params.put("cv", Timestamp.from(Instant.parse(cursor.value())));
                    }
                    case FILED_ASC -> {
                        sql.append(" and (r.filed_at, r.id) > (:cv, :cid)");
                        params.put("cv", Timestamp.from(Instant.parse(cursor.value())));
                    }
                    case DUE_ASC -> {
                        sql.append(" and (r.due_date, r.id) > (:cv, :cid)");
                        params.put("cv", Date.valueOf(LocalDate.parse(cursor.value())));
                    }
                }
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "does not belong to this sort order");
            }
            params.put("cid", cursor.id());
        }
        sql.append(switch (sort) {
            case FILED_DESC -> " order by r.filed_at desc, r.id desc";
            case FILED_ASC -> " order by r.filed_at, r.id";
            case DUE_ASC -> " order by r.due_date, r.id";
        });
        sql.append(" limit :limit");
        params.put("limit", limit + 1);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<RequestViews.RequestSummary> items = new ArrayList<>();
        for (int i = 0; i < Math.min(rows.size(), limit); i++) {
            items.add(summary(rows.get(i), today));
        }
        String next = null;
        if (rows.size() > limit) {
            RequestViews.RequestSummary last = items.get(items.size() - 1);
            String value = sort == Sort.DUE_ASC ? last.dueDate().toString() : last.filedAt().toString();
            next = new Cursor(value, last.id()).encode();
        }
        return new RequestViews.RequestPage(items, next);
    }

    private static RequestViews.RequestSummary summary(Object[] row, LocalDate today) {
        RequestStatus status = RequestStatus.valueOf((String) row[6]);
        LocalDate due = toLocalDate(row[14]);
        return new RequestViews.RequestSummary(
                ((Number) row[0]).longValue(), (String) row[1],
                new RequestViews.ServiceTypeRef(((Number) row[2]).longValue(), (String) row[3], (String) row[4], ((Number) row[5]).intValue()),
                status, NikRules.mask((String) row[7]), (String) row[8], (String) row[9],
                new RequestViews.OpdRef(((Number) row[10]).longValue(), (String) row[11], (String) row[12]),
                toInstant(row[13]), due, status.isOverdue(due, today),
                (Boolean) row[15], ((Number) row[16]).intValue());
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }

    static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value);
    }
}
