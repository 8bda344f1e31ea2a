package id.go.layanandesa.catalog;

import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.opd.Opd;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of the caller's kabupaten. Every change is a new version: {@code version} goes up by one and the
 * whole definition is kept in {@link ServiceTypeVersion} in the same transaction, so that a request always
 * shows what it was filed under.
 */
@ApplicationScoped
@Transactional
public class CatalogService {

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ServiceTypeView> list(Boolean open) {
        String kabupaten = caller.kabupatenCode();
        List<ServiceType> types = open == null
                ? ServiceType.list("kabupatenCode = ?1 order by code", kabupaten)
                : ServiceType.list("kabupatenCode = ?1 and open = ?2 order by code", kabupaten, open);
        return types.stream().map(ServiceTypeView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServiceTypeView get(long id) {
        return ServiceTypeView.of(find(id, false));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServiceTypeVersionView version(long id, int version) {
        find(id, false);
        ServiceTypeVersion v = ServiceTypeVersion.findById(new ServiceTypeVersion.Key(id, version));
        if (v == null) {
            throw ProblemException.notFound("version " + version + " of service type " + id);
        }
        return new ServiceTypeVersionView(id, version, v.createdAt, v.snapshot);
    }

    public ServiceTypeView create(ServiceTypeCreate body) {
        String kabupaten = caller.kabupatenCode();
        List<DocumentDefinition> documents = orEmpty(body.documents());
        List<FieldDefinition> fields = orEmpty(body.fields());
        validate(kabupaten, body.defaultOpdId(), documents, fields);
        if (ServiceType.count("kabupatenCode = ?1 and code = ?2", kabupaten, body.code()) > 0) {
            throw ProblemException.conflict("DUPLICATE_CODE", "kabupaten " + kabupaten + " already has a service type with code " + body.code());
        }
        Instant now = clock.instant();
        ServiceType t = new ServiceType();
        t.kabupatenCode = kabupaten;
        t.code = body.code();
        t.createdAt = now;
        define(t, new ServiceTypeUpdate(body.name(), body.description(), body.defaultOpdId(), body.timeLimitDays(), body.fee(),
                body.product(), body.open() == null || body.open(), documents, fields), now);
        t.version = 1;
        try {
            t.persistAndFlush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            throw ProblemException.conflict("DUPLICATE_CODE", "a service type with code " + t.code + " was just created");
        }
        ServiceTypeVersion.of(t, now).persist();
        return ServiceTypeView.of(t);
    }

    public ServiceTypeView update(long id, String ifMatch, ServiceTypeUpdate body) {
        ServiceType t = find(id, true);
        ETags.checkIfMatch(ifMatch, t.version);
        List<DocumentDefinition> documents = orEmpty(body.documents());
        List<FieldDefinition> fields = orEmpty(body.fields());
        validate(t.kabupatenCode, body.defaultOpdId(), documents, fields);
        Instant now = clock.instant();
        define(t, body, now);
        t.version = t.version + 1;
        ServiceTypeVersion.of(t, now).persist();
        return ServiceTypeView.of(t);
    }

    /** Sets everything of a catalog entry but its code and kabupaten: its definition at the version being made. */
    private static void define(ServiceType t, ServiceTypeUpdate definition, Instant now) {
        t.name = definition.name().strip();
        t.description = definition.description();
        t.defaultOpdId = definition.defaultOpdId();
        t.timeLimitDays = definition.timeLimitDays();
        t.fee = definition.fee();
        t.product = definition.product();
        t.open = definition.open();
        t.documents = new ArrayList<>(orEmpty(definition.documents()));
        t.fields = new ArrayList<>(orEmpty(definition.fields()));
        t.updatedAt = now;
    }

    /** Deletes an entry no request was ever filed under, with its kept versions and its routing rules. */
    public void delete(long id, String ifMatch) {
        ServiceType t = find(id, true);
        ETags.checkIfMatch(ifMatch, t.version);
        long requests = ((Number) em.createNativeQuery("select count(*) from service_request where service_type_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        if (requests > 0) {
            throw ProblemException.conflict("SERVICE_TYPE_IN_USE",
                    requests + " requests were filed under " + t.code + "; close it (open = false) instead");
        }
        em.createNativeQuery("delete from routing_rule where service_type_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from service_type_version where service_type_id = ?1").setParameter(1, id).executeUpdate();
        t.delete();
    }

    ServiceType find(long id, boolean forUpdate) {
        ServiceType t = forUpdate ? ServiceType.findById(id, LockModeType.PESSIMISTIC_WRITE) : ServiceType.findById(id);
        if (t == null || !t.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("service type " + id);
        }
        return t;
    }

    private void validate(String kabupaten, Long defaultOpdId, List<DocumentDefinition> documents, List<FieldDefinition> fields) {
        List<Problem.Violation> violations = new ArrayList<>(CatalogRules.check(documents, fields));
        Opd opd = defaultOpdId == null ? null : Opd.findById(defaultOpdId);
        if (opd == null || !opd.kabupatenCode.equals(kabupaten)) {
            violations.add(0, new Problem.Violation("defaultOpdId", "no OPD " + defaultOpdId + " in kabupaten " + kabupaten));
        } else if (!opd.active) {
            violations.add(0, new Problem.Violation("defaultOpdId", "OPD " + opd.code + " is inactive"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
