package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import id.go.layanandesa.common.SqlValues;

/**
 * The queries of requests that are not a load by id: lists with keyset pagination (the desa's list, an OPD's queue
 * and what it handled) and the scope look-ups. Rows come back as typed records, read by column name.
 */
@ApplicationScoped
public class RequestStore {

    public enum Sort {
        FILED_DESC, FILED_ASC, DUE_ASC, UPDATED_ASC
    }

    /** Which requests a list shows; what is not set does not filter. */
    public static final class Filter {
        String kabupatenCode;
        String desaCode;
        String kecamatanCode;
        Long opdId;
        Long handledBy;
        List<RequestStatus> statuses;
        Long serviceTypeId;
        Instant filedFrom;
        Instant filedTo;
        Boolean overdue;
        String assignedTo;
        Boolean needsAttention;
        Instant updatedSince;

        private Filter(String kabupatenCode) {
            this.kabupatenCode = kabupatenCode;
        }

        /** The requests of one kabupaten (the scope of every list). */
        public static Filter of(String kabupatenCode) {
            return new Filter(kabupatenCode);
        }

        public Filter desa(String code) {
            desaCode = code;
            return this;
        }

        public Filter kecamatan(String code) {
            kecamatanCode = code;
            return this;
        }

        /** In this OPD's queue now. */
        public Filter opd(Long id) {
            opdId = id;
            return this;
        }

        /** Held by this OPD at some time (now or before). */
        public Filter handledBy(Long id) {
            handledBy = id;
            return this;
        }

        public Filter statuses(List<RequestStatus> list) {
            statuses = list;
            return this;
        }

        public Filter serviceType(Long id) {
            serviceTypeId = id;
            return this;
        }

        public Filter filed(Instant from, Instant to) {
            filedFrom = from;
            filedTo = to;
            return this;
        }

        public Filter overdue(Boolean value) {
            overdue = value;
            return this;
        }

        public Filter assignedTo(String principal) {
            assignedTo = principal;
            return this;
        }

        public Filter needsAttention(Boolean value) {
            needsAttention = value;
            return this;
        }

        public Filter updatedSince(Instant since) {
            updatedSince = since;
            return this;
        }
    }

    /** A row of a list, before it becomes a summary on the wire. */
    record Row(long id, String trackingCode, long serviceTypeId, String serviceTypeCode, String serviceTypeName, int serviceTypeVersion,
               RequestStatus status, String citizenNik, String citizenName, String desaCode, long opdId, String opdCode, String opdName,
               Instant filedAt, LocalDate dueDate, boolean needsAttention, String assignedTo, String assignedToName, String claimedBy,
               Instant leaseUntil, Instant updatedAt, int version) {

        static Row of(Tuple t) {
            return new Row(t.get("id", Number.class).longValue(), t.get("tracking_code", String.class),
                    t.get("service_type_id", Number.class).longValue(), t.get("service_type_code", String.class),
                    t.get("service_type_name", String.class), t.get("service_type_version", Number.class).intValue(),
                    RequestStatus.valueOf(t.get("status", String.class)), t.get("citizen_nik", String.class),
                    t.get("citizen_name", String.class), t.get("desa_code", String.class), t.get("opd_id", Number.class).longValue(),
                    t.get("opd_code", String.class), t.get("opd_name", String.class), instant(t.get("filed_at")),
                    date(t.get("due_date")), t.get("needs_attention", Boolean.class), t.get("assigned_to", String.class),
                    t.get("assigned_to_name", String.class), t.get("claimed_by", String.class), SqlValues.instant(t.get("lease_until")),
                    instant(t.get("updated_at")), t.get("version", Number.class).intValue());
        }

        /** The keyset cursor after this row in the given order. */
        Cursor cursor(Sort sort) {
            return new Cursor(switch (sort) {
                case DUE_ASC -> dueDate.toString();
                case UPDATED_ASC -> updatedAt.toString();
                case FILED_DESC, FILED_ASC -> filedAt.toString();
            }, id);
        }
    }

    /** One page of rows, and the cursor of the next page (null on the last). */
    record Page(List<Row> rows, String next) {
    }

    @Inject
    EntityManager em;

    /** The request a citizen names by its tracking code, typed in any case, with or without dashes; 404 when none. */
    public ServiceRequest byTrackingCode(String code) {
        String normalised = TrackingCodes.normalise(code);
        ServiceRequest r = normalised == null ? null
                : em.createQuery("from ServiceRequest where trackingCode = :c", ServiceRequest.class)
                .setParameter("c", normalised).getResultStream().findFirst().orElse(null);
        if (r == null) {
            throw ProblemException.notFound("a request with tracking code " + code);
        }
        return r;
    }

    Page list(Filter filter, Sort sort, String cursorText, int limit, LocalDate today) {
        Cursor cursor = Cursor.decode(cursorText);
        StringBuilder sql = new StringBuilder("""
                select r.id, r.tracking_code, r.service_type_id, s.code as service_type_code, s.name as service_type_name,
                       r.service_type_version, r.status, r.citizen_nik, r.citizen_name, r.desa_code, r.opd_id,
                       o.code as opd_code, o.name as opd_name, r.filed_at, r.due_date, r.needs_attention, r.assigned_to,
                       r.assigned_to_name, r.claimed_by, r.lease_until, r.updated_at, r.version
                  from service_request r
                  join service_type s on s.id = r.service_type_id
                  join opd o on o.id = r.opd_id""");
        Map<String, Object> params = new HashMap<>();
        if (filter.handledBy != null) {
            // every OPD that held it: the request_opd index gives the OPD's requests newest first
            sql.append(" join request_opd h on h.request_id = r.id and h.opd_id = :handled");
            params.put("handled", filter.handledBy);
        }
        sql.append(" where true");
        if (filter.kabupatenCode != null) {
            sql.append(" and r.kabupaten_code = :kab");
            params.put("kab", filter.kabupatenCode);
        }
        if (filter.desaCode != null) {
            sql.append(" and r.desa_code = :desa");
            params.put("desa", filter.desaCode);
        }
        if (filter.kecamatanCode != null) {
            sql.append(" and r.kecamatan_code = :kec");
            params.put("kec", filter.kecamatanCode);
        }
        if (filter.opdId != null) {
            sql.append(" and r.opd_id = :opd");
            params.put("opd", filter.opdId);
        }
        if (filter.statuses != null && !filter.statuses.isEmpty()) {
            sql.append(" and r.status in ").append(RequestStatus.sqlList(EnumSet.copyOf(filter.statuses)));
        }
        if (filter.serviceTypeId != null) {
            sql.append(" and r.service_type_id = :st");
            params.put("st", filter.serviceTypeId);
        }
        if (filter.filedFrom != null) {
            sql.append(" and r.filed_at >= :from");
            params.put("from", Timestamp.from(filter.filedFrom));
        }
        if (filter.filedTo != null) {
            sql.append(" and r.filed_at < :to");
            params.put("to", Timestamp.from(filter.filedTo));
        }
        if (filter.overdue != null) {
            String overdue = "r.due_date < :today and r.status in " + RequestStatus.RUNNING_SQL;
            sql.append(filter.overdue ? " and " + overdue : " and not (" + overdue + ")");
            params.put("today", Date.valueOf(today));
        }
        if (filter.assignedTo != null) {
            sql.append(" and r.assigned_to = :assignee");
            params.put("assignee", filter.assignedTo);
        }
        if (filter.needsAttention != null) {
            sql.append(" and r.needs_attention = :attention");
            params.put("attention", filter.needsAttention);
        }
        if (filter.updatedSince != null) {
            sql.append(" and r.updated_at >= :since");
            params.put("since", Timestamp.from(filter.updatedSince));
        }
        if (cursor != null) {
            try {
                switch (sort) {
                    case FILED_DESC -> {
                        sql.append(filter.handledBy != null ? " and (h.filed_at, h.request_id) < (:cv, :cid)" : " and (r.filed_at, r.id) < (:cv, :cid)");
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
                    case UPDATED_ASC -> {
                        sql.append(" and (r.updated_at, r.id) > (:cv, :cid)");
                        params.put("cv", Timestamp.from(Instant.parse(cursor.value())));
                    }
                }
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "does not belong to this sort order");
            }
            params.put("cid", cursor.id());
        }
        sql.append(switch (sort) {
            case FILED_DESC -> filter.handledBy != null ? " order by h.filed_at desc, h.request_id desc" : " order by r.filed_at desc, r.id desc";
            case FILED_ASC -> " order by r.filed_at, r.id";
            case DUE_ASC -> " order by r.due_date, r.id";
            case UPDATED_ASC -> " order by r.updated_at, r.id";
        });
        sql.append(" limit :limit");
        params.put("limit", limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Tuple.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> tuples = query.getResultList();
        List<Row> rows = new ArrayList<>(Math.min(tuples.size(), limit));
        for (int i = 0; i < Math.min(tuples.size(), limit); i++) {
            rows.add(Row.of(tuples.get(i)));
        }
        String next = tuples.size() > limit ? rows.get(rows.size() - 1).cursor(sort).encode() : null;
        return new Page(rows, next);
    }

    /** Whether the OPD ever held the request (it may read it then, though it cannot change it). */
    boolean heldBy(long opdId, long requestId) {
        return !em.createNativeQuery("select 1 from request_opd where opd_id = :o and request_id = :r")
                .setParameter("o", opdId).setParameter("r", requestId).getResultList().isEmpty();
    }

    static Instant instant(Object value) {
        Instant i = SqlValues.instant(value);
        if (i == null) {
            throw new IllegalStateException("not a timestamp: " + value);
        }
        return i;
    }

    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value);
    }
}
