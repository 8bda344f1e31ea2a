package id.go.layanandesa.routing;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.RegionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Routing rules of the caller's kabupaten. A rule is never edited: it is deleted and made again, so it has no
 * version. A rule may name an inactive OPD (prepared ahead); routing passes over it while the OPD is inactive. A
 * relative rule names a kind of OPD instead: the one that serves the desa's area.
 */
@ApplicationScoped
@Transactional
public class RoutingRuleService {

    @Inject
    Caller caller;

    @Inject
    RegionService regions;

    @Inject
    Router router;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoutingRuleView> list(Long serviceTypeId, String regionCode) {
        StringBuilder query = new StringBuilder("kabupatenCode = :k");
        var params = new java.util.HashMap<String, Object>();
        params.put("k", caller.kabupatenCode());
        if (serviceTypeId != null) {
            query.append(" and serviceTypeId = :s");
            params.put("s", serviceTypeId);
        }
        if (regionCode != null) {
            query.append(" and regionCode = :r");
            params.put("r", regionCode);
        }
        query.append(" order by id");
        return RoutingRule.<RoutingRule>list(query.toString(), params).stream().map(RoutingRuleView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RoutingRuleView get(long id) {
        return RoutingRuleView.of(find(id));
    }

    public RoutingRuleView create(RoutingRuleCreate body) {
        String kabupaten = caller.kabupatenCode();
        List<Problem.Violation> violations = new ArrayList<>();
        if (body.serviceTypeId() != null) {
            ServiceType type = ServiceType.findById(body.serviceTypeId());
            if (type == null || !type.kabupatenCode.equals(kabupaten)) {
                violations.add(new Problem.Violation("serviceTypeId", "no service type " + body.serviceTypeId() + " in kabupaten " + kabupaten));
            }
        }
        try {
            regions.requireArea("regionCode", body.regionCode(), kabupaten, 2);
        } catch (ProblemException e) {
            violations.addAll(e.violations());
        }
        if ((body.opdId() == null) == (body.opdKind() == null)) {
            violations.add(new Problem.Violation("opdId", "give either opdId (this OPD) or opdKind (the OPD of this kind that "
                    + "serves the desa), not both or neither"));
        } else if (body.opdId() != null) {
            Opd opd = Opd.findById(body.opdId());
            if (opd == null || !opd.kabupatenCode.equals(kabupaten)) {
                violations.add(new Problem.Violation("opdId", "no OPD " + body.opdId() + " in kabupaten " + kabupaten));
            }
        }
        if (body.opdCodePrefix() != null && body.opdKind() == null) {
            violations.add(new Problem.Violation("opdCodePrefix", "narrows a relative rule: give opdKind too"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        long same = body.serviceTypeId() == null
                ? RoutingRule.count("kabupatenCode = ?1 and serviceTypeId is null and regionCode = ?2", kabupaten, body.regionCode())
                : RoutingRule.count("kabupatenCode = ?1 and serviceTypeId = ?2 and regionCode = ?3", kabupaten, body.serviceTypeId(), body.regionCode());
        if (same > 0) {
            throw ProblemException.conflict("DUPLICATE_RULE", "a rule for "
                    + (body.serviceTypeId() == null ? "every service" : "service type " + body.serviceTypeId())
                    + " from " + body.regionCode() + " exists: delete it first");
        }
        RoutingRule r = new RoutingRule();
        r.kabupatenCode = kabupaten;
        r.serviceTypeId = body.serviceTypeId();
        r.regionCode = body.regionCode();
        r.opdId = body.opdId();
        r.opdKind = body.opdKind();
        r.opdCodePrefix = body.opdCodePrefix();
        r.note = body.note();
        r.createdAt = clock.instant();
        try {
            r.persistAndFlush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // a concurrent twin won the race for routing_rule_unique_idx
            throw ProblemException.conflict("DUPLICATE_RULE", "a rule for the same service and area was just created");
        }
        return RoutingRuleView.of(r);
    }

    public void delete(long id) {
        find(id).delete();
    }

    /** Where a request for the service from the desa would go now: the same one-query resolution filing uses. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RoutingExplanation explain(Long serviceTypeId, String desa) {
        String kabupaten = caller.kabupatenCode();
        List<Problem.Violation> violations = new ArrayList<>();
        ServiceType type = serviceTypeId == null ? null : ServiceType.findById(serviceTypeId);
        if (type == null || !type.kabupatenCode.equals(kabupaten)) {
            violations.add(new Problem.Violation("serviceTypeId", serviceTypeId == null ? "is required"
                    : "no service type " + serviceTypeId + " in kabupaten " + kabupaten));
        }
        if (desa == null) {
            violations.add(new Problem.Violation("desa", "is required"));
        } else {
            try {
                regions.requireArea("desa", desa, kabupaten, 4);
            } catch (ProblemException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Route route = router.resolve(serviceTypeId, desa);
        RoutingRule rule = route.ruleId() == null ? null : RoutingRule.findById(route.ruleId());
        return new RoutingExplanation(new RoutingExplanation.OpdRef(route.opdId(), route.opdCode(), route.opdName()),
                route.basis(), route.ruleId(), rule == null ? null : RoutingRuleView.of(rule));
    }

    private RoutingRule find(long id) {
        RoutingRule r = RoutingRule.findById(id);
        if (r == null || !r.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("routing rule " + id);
        }
        return r;
    }
}
