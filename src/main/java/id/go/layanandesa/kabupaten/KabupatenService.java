package id.go.layanandesa.kabupaten;

import id.go.layanandesa.account.Usernames;
import id.go.layanandesa.common.CursorPage;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.region.RegionCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Putting a kabupaten into service (onboarding it from its configuration document) and keeping its configuration. An
 * operator reaches every onboarded kabupaten; an admin only their own, and any other is as absent as one that is not
 * onboarded.
 */
@ApplicationScoped
@Transactional
public class KabupatenService {

    private static final Logger LOG = Logger.getLogger(KabupatenService.class);

    @Inject
    ConfigurationService configuration;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Onboards the kabupaten the document names and applies the document, in one transaction; with {@code dryRun},
     * only answers the plan. 400 when the kabupaten is not in the region list or the document is wrong, 409 when it
     * is onboarded already.
     */
    public ConfigurationPlan onboard(Caller caller, Configuration doc, boolean dryRun) {
        return onboard(doc, dryRun, caller.accountId(), caller.principalKey());
    }

    /** Onboarding by whoever: an operator's account, or the installation itself (the demo kabupaten). */
    public ConfigurationPlan onboard(Configuration doc, boolean dryRun, Long byAccount, String by) {
        String code = doc.kabupaten();
        List<Violation> violations = new ArrayList<>();
        if (code != null && !RegionCodes.KABUPATEN.matcher(code).matches()) {
            violations.add(new Violation("kabupaten", "must be a kabupaten code like 73.24"));
        } else if (code != null && (Region.<Region>findById(code) == null || Region.<Region>findById(code).level != 2)) {
            violations.add(new Violation("kabupaten", "no kabupaten has code " + code + " in the region list; import the list first"));
        }
        try {
            configuration.check(code == null ? "" : code, doc);
        } catch (ProblemException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (Tenant.findById(code) != null) {
            throw ProblemException.conflict("ALREADY_ONBOARDED", "kabupaten " + code + " is onboarded already; apply a configuration "
                    + "document to PUT /api/v1/kabupaten/" + code + "/configuration to change it");
        }
        if (!dryRun) {
            Tenant t = new Tenant();
            t.kabupatenCode = code;
            t.onboardedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            t.onboardedBy = byAccount;
            try {
                t.persistAndFlush();
            } catch (org.hibernate.exception.ConstraintViolationException e) {
                throw ProblemException.conflict("ALREADY_ONBOARDED", "kabupaten " + code + " was just onboarded");
            }
            em.find(Tenant.class, code, LockModeType.PESSIMISTIC_WRITE);
        }
        ConfigurationPlan plan = configuration.apply(code, doc, dryRun);
        if (!dryRun) {
            LOG.infof("kabupaten %s onboarded by %s", code, by);
        }
        return plan;
    }

    /** Applies a document to an onboarded kabupaten the caller may configure. */
    public ConfigurationPlan apply(Caller caller, String code, Configuration doc, boolean dryRun) {
        reachable(caller, code);
        em.find(Tenant.class, code, LockModeType.PESSIMISTIC_WRITE);
        return configuration.apply(code, doc, dryRun);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Configuration export(Caller caller, String code) {
        reachable(caller, code);
        return configuration.export(code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<KabupatenView> list(String after, int limit) {
        List<Tenant> rows = Tenant.<Tenant>find("kabupatenCode > ?1 order by kabupatenCode", after == null ? "" : after)
                .page(0, limit + 1).list();
        CursorPage<Tenant> page = CursorPage.of(rows, limit, t -> t.kabupatenCode);
        return new CursorPage<>(page.items().stream().map(this::view).toList(), page.next());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public KabupatenView get(String code) {
        Tenant t = code == null ? null : Tenant.findById(code);
        if (t == null) {
            throw ProblemException.notFound("onboarded kabupaten " + code);
        }
        return view(t);
    }

    private KabupatenView view(Tenant t) {
        Region region = Region.findById(t.kabupatenCode);
        long admins = ((Number) em.createNativeQuery("select count(*) from account where kabupaten_code = ?1 and role = 'ADMIN' and enabled")
                .setParameter(1, t.kabupatenCode).getSingleResult()).longValue();
        return new KabupatenView(t.kabupatenCode, region == null ? t.kabupatenCode : region.name, t.onboardedAt, admins,
                Usernames.prefix(t.kabupatenCode));
    }

    /** An admin reaches their own kabupaten, an operator every onboarded one; anything else is not found. */
    private void reachable(Caller caller, String code) {
        boolean mine = caller.is(Role.OPERATOR) || code != null && code.equals(caller.kabupatenCode());
        if (!mine || Tenant.findById(code) == null) {
            throw ProblemException.notFound("onboarded kabupaten " + code);
        }
    }
}
