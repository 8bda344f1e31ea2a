package id.go.layanandesa.retention;

import id.go.layanandesa.request.RequestDetails;
import id.go.layanandesa.request.RequestViews;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** A citizen's right of access (UU 27/2022): everything a kabupaten holds about one NIK. */
@ApplicationScoped
public class CitizenData {

    @Inject
    EntityManager em;

    @Inject
    RequestDetails details;

    /** Every request of the NIK in the kabupaten, oldest filed first, in full with its history. */
    @Transactional
    public RetentionViews.Export export(String kabupatenCode, String nik, Instant now) {
        List<ServiceRequest> requests = em.createQuery(
                        "from ServiceRequest where kabupatenCode = :k and citizenNik = :n order by filedAt, id", ServiceRequest.class)
                .setParameter("k", kabupatenCode).setParameter("n", nik).getResultList();
        List<RequestViews.RequestDetail> views = details.ofAll(requests);
        return new RetentionViews.Export(nik, kabupatenCode, now, views);
    }
}
