package id.go.layanandesa.retention;

import id.go.layanandesa.request.RequestDetails;
import id.go.layanandesa.request.RequestViews;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import id.go.layanandesa.common.SqlValues;

/** A citizen's right of access (UU 27/2022): everything a kabupaten holds about one NIK. */
@ApplicationScoped
public class CitizenData {

    @Inject
    EntityManager em;

    @Inject
    RequestDetails details;

    /**
     * Every request of the NIK in the kabupaten, oldest filed first, in full with its history; what files they hold (not
     * their contents); and the surveys answered about them.
     */
    @Transactional
    public RetentionViews.Export export(String kabupatenCode, String nik, Instant now) {
        List<ServiceRequest> requests = em.createQuery(
                        "from ServiceRequest where kabupatenCode = :k and citizenNik = :n order by filedAt, id", ServiceRequest.class)
                .setParameter("k", kabupatenCode).setParameter("n", nik).getResultList();
        List<RequestViews.RequestDetail> views = details.ofAll(requests);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = requests.isEmpty() ? List.of() : em.createNativeQuery("""
                        select request_id, answered_at, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, comment from survey_response
                        where request_id in :ids order by request_id""", Tuple.class)
                .setParameter("ids", requests.stream().map(r -> r.id).toList()).getResultList();
        List<RetentionViews.SurveyHeld> surveys = rows.stream()
                .map(t -> new RetentionViews.SurveyHeld(t.get("request_id", Number.class).longValue(),
                        SqlValues.instant(t.get("answered_at")), t.get("channel", String.class),
                        IntStream.rangeClosed(1, 9).mapToObj(i -> t.get("u" + i, Number.class).intValue()).toList(),
                        t.get("comment", String.class)))
                .toList();
        @SuppressWarnings("unchecked")
        List<Tuple> fileRows = requests.isEmpty() ? List.of() : em.createNativeQuery("""
                        select request_id, id, kind, document_code, file_name, media_type, size_bytes, sha256, uploaded_at from request_file
                        where request_id in :ids order by request_id, id""", Tuple.class)
                .setParameter("ids", requests.stream().map(r -> r.id).toList()).getResultList();
        List<RetentionViews.FileHeld> files = fileRows.stream()
                .map(t -> {
                    long request = t.get("request_id", Number.class).longValue();
                    long file = t.get("id", Number.class).longValue();
                    return new RetentionViews.FileHeld(request, file, t.get("kind", String.class), t.get("document_code", String.class),
                            t.get("file_name", String.class), t.get("media_type", String.class), t.get("size_bytes", Number.class).longValue(),
                            t.get("sha256").toString().strip(), SqlValues.instant(t.get("uploaded_at")),
                            "/api/v1/requests/" + request + "/files/" + file);
                })
                .toList();
        return new RetentionViews.Export(nik, kabupatenCode, now, views, files, surveys);
    }
}
