package id.go.layanandesa.opd;

import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.region.RegionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The OPDs of the caller's kabupaten. Exactly one active OPD of a kabupaten carries the triage flag: it can
 * move to another OPD but never disappear. An OPD that anything refers to is deactivated, not deleted.
 */
@ApplicationScoped
@Transactional
public class OpdService {

    @Inject
    Caller caller;

    @Inject
    RegionService regions;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OpdView> list(Boolean active) {
        String kabupaten = caller.kabupatenCode();
        List<Opd> opds = active == null
                ? Opd.list("kabupatenCode = ?1 order by code", kabupaten)
                : Opd.list("kabupatenCode = ?1 and active = ?2 order by code", kabupaten, active);
        return opds.stream().map(OpdView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OpdView get(long id) {
        return OpdView.of(find(id, false));
    }

    public OpdView create(OpdCreate body) {
        String kabupaten = caller.kabupatenCode();
        if (Opd.count("kabupatenCode = ?1 and code = ?2", kabupaten, body.code()) > 0) {
            throw ProblemException.conflict("DUPLICATE_CODE", "kabupaten " + kabupaten + " already has an OPD with code " + body.code());
        }
        checkRegion(body.regionCode(), kabupaten);
        boolean active = body.active() == null || body.active();
        if (body.triage() && !active) {
            throw ProblemException.conflict("TRIAGE_REQUIRED", "the triage OPD must be active");
        }
        Instant now = clock.instant();
        if (body.triage()) {
            takeTriageFromOthers(kabupaten, null, now);
        }
        Opd o = new Opd();
        o.kabupatenCode = kabupaten;
        o.code = body.code();
        o.createdAt = now;
        describe(o, new OpdUpdate(body.name(), body.kind(), body.regionCode(), body.email(), body.phone(), body.address(), active,
                body.triage()), now);
        try {
            o.persistWithQueueState();
        } catch (ConstraintViolationException e) {
            throw conflictOf(e, o.code);
        }
        return OpdView.of(o);
    }

    public OpdView update(long id, String ifMatch, OpdUpdate body) {
        Opd o = find(id, true);
        ETags.checkIfMatch(ifMatch, o.version);
        checkRegion(body.regionCode(), o.kabupatenCode);
        if (o.triage && !body.triage()) {
            throw ProblemException.conflict("TRIAGE_REQUIRED",
                    "a kabupaten keeps one triage OPD: set triage on another OPD to move it from " + o.code);
        }
        if (body.triage() && !body.active()) {
            throw ProblemException.conflict("TRIAGE_REQUIRED", "the triage OPD must be active");
        }
        Instant now = clock.instant();
        if (body.triage() && !o.triage) {
            takeTriageFromOthers(o.kabupatenCode, o.id, now);
        }
        describe(o, body, now);
        flush();
        return OpdView.of(o);
    }

    /** Sets everything of an OPD but its code and kabupaten, as a new OPD starts out or as a change leaves it. */
    private static void describe(Opd o, OpdUpdate state, Instant now) {
        o.name = state.name().strip();
        o.kind = state.kind();
        o.regionCode = state.regionCode();
        o.email = state.email();
        o.phone = state.phone();
        o.address = state.address();
        o.active = state.active();
        o.triage = state.triage();
        o.updatedAt = now;
    }

    public void delete(long id, String ifMatch) {
        Opd o = find(id, true);
        ETags.checkIfMatch(ifMatch, o.version);
        if (o.triage) {
            throw ProblemException.conflict("TRIAGE_REQUIRED", o.code + " is the triage OPD: move triage to another OPD first");
        }
        List<String> uses = new ArrayList<>();
        count(uses, "requests", "select count(*) from service_request where opd_id = ?1 or info_requested_by = ?1", o.id);
        count(uses, "routing rules", "select count(*) from routing_rule where opd_id = ?1", o.id);
        count(uses, "service types defaulting to it", "select count(*) from service_type where default_opd_id = ?1", o.id);
        count(uses, "accounts", "select count(*) from account where opd_id = ?1", o.id);
        count(uses, "API keys", "select count(*) from api_key where opd_id = ?1", o.id);
        if (!uses.isEmpty()) {
            throw ProblemException.conflict("OPD_IN_USE",
                    o.code + " is referred to by " + String.join(", ", uses) + "; deactivate it instead");
        }
        em.createNativeQuery("delete from opd_queue_state where opd_id = ?1").setParameter(1, o.id).executeUpdate();
        o.delete();
    }

    /** An OPD of the caller's kabupaten; another kabupaten's is as absent as a missing one. */
    Opd find(long id, boolean forUpdate) {
        Opd o = forUpdate ? Opd.findById(id, LockModeType.PESSIMISTIC_WRITE) : Opd.findById(id);
        if (o == null || !o.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("OPD " + id);
        }
        return o;
    }

    private void checkRegion(String regionCode, String kabupaten) {
        if (regionCode != null) {
            regions.requireArea("regionCode", regionCode, kabupaten, 3);
        }
    }

    /**
     * Clears the flag on the current triage OPD first, so that the one-triage index never sees two. A concurrent
     * move that slips past this meets opd_one_triage_idx at flush and becomes a 409.
     */
    private void takeTriageFromOthers(String kabupaten, Long keep, Instant now) {
        em.createNativeQuery("""
                        update opd set triage = false, version = version + 1, updated_at = ?1
                         where kabupaten_code = ?2 and triage and id <> ?3""")
                .setParameter(1, now)
                .setParameter(2, kabupaten)
                .setParameter(3, keep == null ? -1L : keep)
                .executeUpdate();
    }

    private void count(List<String> uses, String what, String sql, long id) {
        long n = ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
        if (n > 0) {
            uses.add(n + " " + what);
        }
    }

    private void flush() {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw ProblemException.preconditionFailed("the OPD changed meanwhile; read it again");
        } catch (ConstraintViolationException e) {
            throw conflictOf(e, null);
        }
    }

    /** A unique index a concurrent change got to first. */
    private static ProblemException conflictOf(ConstraintViolationException e, String code) {
        if (e.getConstraintName() != null && e.getConstraintName().contains("triage")) {
            return ProblemException.conflict("TRIAGE_CONFLICT", "another OPD was made the triage OPD meanwhile; read the OPDs again");
        }
        return ProblemException.conflict("DUPLICATE_CODE", "an OPD with code " + code + " was just created");
    }
}
