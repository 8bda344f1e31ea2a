package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The scope rule of requests. A desa officer sees its desa's; an OPD officer or system those in its
 * OPD's queue, and read-only those it handled before; an admin its kabupaten's. Anything else is
 * answered as not found, so that ids cannot be probed.
 */
@ApplicationScoped
public class RequestAccess {

    @Inject
    EntityManager em;

    @Inject
    RequestStore store;

    /** A request the caller may read. */
    public ServiceRequest readable(Caller caller, long id) {
        ServiceRequest r = em.find(ServiceRequest.class, id);
        if (r == null || !canRead(caller, r)) {
            throw ProblemException.notFound("request " + id);
        }
        return r;
    }

    /** A request the caller may change, locked for the rest of the transaction. */
    public ServiceRequest changeable(Caller caller, long id) {
        return changeable(caller, id, em.find(ServiceRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** {@code r}, already locked (or null when there is no request {@code id}), when the caller may change it. */
    ServiceRequest changeable(Caller caller, long id, ServiceRequest r) {
        if (r == null || !canChange(caller, r)) {
            if (r != null && canRead(caller, r)) {
                throw ProblemException.conflict("NOT_IN_YOUR_QUEUE",
                        "request " + id + " is no longer in your queue; it is with another OPD now");
            }
            throw ProblemException.notFound("request " + id);
        }
        return r;
    }

    /** What the caller may change, and for an OPD also what it held before: forwarded on, it still sees how it ended. */
    boolean canRead(Caller caller, ServiceRequest r) {
        return canChange(caller, r) || inKabupaten(caller, r)
                && (caller.role() == Role.OPD_OFFICER || caller.role() == Role.OPD_SYSTEM) && store.heldBy(caller.opdId(), r.id);
    }

    boolean canChange(Caller caller, ServiceRequest r) {
        if (!inKabupaten(caller, r)) {
            return false;
        }
        return switch (caller.role()) {
            case ADMIN -> true;
            case DESA_OFFICER -> r.desaCode.equals(caller.desaCode());
            case OPD_OFFICER, OPD_SYSTEM -> r.opdId.equals(caller.opdId());
            case VIEWER, OPERATOR -> false;
        };
    }

    private static boolean inKabupaten(Caller caller, ServiceRequest r) {
        return caller.kabupatenCode() != null && r.kabupatenCode.equals(caller.kabupatenCode());
    }
}
