package id.go.layanandesa.retention;

import id.go.layanandesa.audit.AuditRecord;
import id.go.layanandesa.audit.AuditTrail;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.FieldType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestJournal;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import id.go.layanandesa.common.SqlValues;

/**
 * Replaces the personal data of finished requests whose retention period ran out by a marker: the citizen's NIK, name,
 * phone and address, the free-text answers, the filer's note, the OPD's result note, the document number and the comment
 * of the citizen's satisfaction survey. What
 * statistics need stays (service, desa, OPD, dates, statuses, the other answers), and so do the tracking code and the
 * history of statuses, which gains a PERSONAL_DATA_PURGED entry. Each batch is recorded in the audit trail, naming every
 * request it purged.
 */
@ApplicationScoped
public class PersonalDataPurge {

    /** What replaces personal data; migration V123 names it too (the history's notes may become only this). */
    public static final String MARKER = "[DIHAPUS]";
    static final Set<RequestStatus> FINISHED = EnumSet.of(RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.CANCELLED);
    static final Actor RETENTION = new Actor("SYSTEM", null, "retention", "system:retention");
    static final String DUE = """
            r.kabupaten_code = :k and r.finished_at < :c and r.personal_data_purged_at is null
            and r.status in ('COMPLETED', 'REJECTED', 'CANCELLED')""";

    @Inject
    EntityManager em;

    @Inject
    RequestJournal journal;

    @Inject
    AuditTrail trail;

    @Inject
    Event<PersonalDataPurged> purged;

    /** What is due now under the cutoff, per service, most first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RetentionViews.DryRun due(String kabupatenCode, Period period, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select r.service_type_id, s.code, s.name, count(*) as requests, min(r.finished_at) as oldest "
                        + "from service_request r join service_type s on s.id = r.service_type_id where " + DUE
                        + " group by r.service_type_id, s.code, s.name order by requests desc, s.code", Tuple.class)
                .setParameter("k", kabupatenCode).setParameter("c", Timestamp.from(cutoff)).getResultList();
        List<RetentionViews.ServiceCount> services = new ArrayList<>();
        int total = 0;
        Instant oldest = null;
        for (Tuple t : rows) {
            int n = t.get("requests", Number.class).intValue();
            services.add(new RetentionViews.ServiceCount(t.get("service_type_id", Number.class).longValue(), t.get("code", String.class),
                    t.get("name", String.class), n));
            total += n;
            Instant o = SqlValues.instant(t.get("oldest"));
            oldest = oldest == null || o.isBefore(oldest) ? o : oldest;
        }
        return new RetentionViews.DryRun(period.toString(), cutoff, total, services, oldest);
    }

    /**
     * Purges up to {@code limit} due requests in a transaction of its own, taking only rows no other transaction holds
     * (so that instances running at once share the work); how many it purged.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBatch(String kabupatenCode, Period period, Instant cutoff, int limit, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select r.id from service_request r where " + DUE
                        + " order by r.finished_at, r.id limit :n for update skip locked")
                .setParameter("k", kabupatenCode).setParameter("c", Timestamp.from(cutoff)).setParameter("n", limit).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> idList = ids.stream().map(Number::longValue).toList();
        List<ServiceRequest> requests = em.createQuery("from ServiceRequest where id in :ids order by id", ServiceRequest.class)
                .setParameter("ids", idList).getResultList();
        Map<ServiceTypeVersion.Key, Map<String, FieldType>> fieldTypes = new HashMap<>();
        Map<String, Integer> perService = new LinkedHashMap<>();
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (ServiceRequest r : requests) {
            ServiceTypeVersion.Key key = new ServiceTypeVersion.Key(r.serviceTypeId, r.serviceTypeVersion);
            Map<String, FieldType> types = fieldTypes.computeIfAbsent(key, this::fieldTypes);
            purge(r, types, now);
            perService.merge(String.valueOf(r.serviceTypeId), 1, Integer::sum);
            entries.add(new RequestJournal.Entry(r, RequestEvent.EventType.PERSONAL_DATA_PURGED, RETENTION, now, r.status, r.opdId, null));
        }
        em.flush();
        // the survey's scores stay for the satisfaction index; the comment is the citizen's own words
        em.createNativeQuery("update survey_response set comment = :m where request_id in :ids and comment is not null")
                .setParameter("m", MARKER).setParameter("ids", idList).executeUpdate();
        // the notes of the history (officers' and public ones: free text); the rest of the history stays as it is
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select purge_history_notes(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", idList.toArray()));
                ps.execute();
            }
        });
        // the bodies kept for retries and redelivery may carry the citizen's name, phone and messages: a delivery of a
        // purged request sends the event as it stands now, made again at its next attempt
        em.createNativeQuery("update webhook_delivery set body = null where request_id in :ids and body is not null")
                .setParameter("ids", idList).executeUpdate();
        journal.recordAll(entries);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("period", period.toString());
        detail.put("cutoff", cutoff.toString());
        detail.put("requests", requests.size());
        detail.put("requestsPerServiceType", perService);
        trail.write(new AuditRecord(now, AuditRecord.Who.system("retention", kabupatenCode), AuditRecord.Where.NOWHERE, "purgePersonalData",
                "RETENTION_POLICY", kabupatenCode, idList, detail));
        purged.fire(new PersonalDataPurged(kabupatenCode, idList));
        return requests.size();
    }

    /** The request with its personal data replaced by the marker. */
    static void purge(ServiceRequest r, Map<String, FieldType> fieldTypes, Instant now) {
        r.citizenNik = MARKER;
        r.citizenName = MARKER;
        r.citizenPhone = r.citizenPhone == null ? null : MARKER;
        r.citizenAddress = r.citizenAddress == null ? null : MARKER;
        Map<String, Object> answers = new LinkedHashMap<>();
        r.answers.forEach((key, value) -> {
            FieldType type = fieldTypes.get(key);
            boolean freeText = type == FieldType.TEXT || type == FieldType.LONG_TEXT || (type == null && value instanceof String);
            answers.put(key, freeText && value != null ? MARKER : value);
        });
        r.answers = answers;
        r.note = r.note == null ? null : MARKER;
        r.resultNote = r.resultNote == null ? null : MARKER;
        r.documentNumber = r.documentNumber == null ? null : MARKER;
        r.personalDataPurgedAt = now;
        r.updatedAt = now;
    }

    private Map<String, FieldType> fieldTypes(ServiceTypeVersion.Key key) {
        ServiceTypeVersion v = em.find(ServiceTypeVersion.class, key);
        Map<String, FieldType> types = new HashMap<>();
        if (v != null && v.snapshot != null && v.snapshot.fields() != null) {
            for (FieldDefinition f : v.snapshot.fields()) {
                types.put(f.key(), f.type());
            }
        }
        return types;
    }
}
