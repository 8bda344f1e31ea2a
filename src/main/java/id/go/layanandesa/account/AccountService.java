package id.go.layanandesa.account;

import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts of one kabupaten, kept by its admins (every look-up is scoped to the admin's kabupaten), and the ADMINs of
 * each kabupaten, kept by the operators.
 */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    @Inject
    Sessions sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    jakarta.persistence.EntityManager em;

    public record NewAccount(String username, String displayName, Role role, String desaCode, Long opdId, String password) {
    }

    public record Page(List<Account> items, Long next) {
    }

    /**
     * An admin creates an account of their kabupaten with a password of their choosing, which the account must replace
     * at its first login. The username gets the kabupaten's prefix ({@link Usernames}).
     */
    public Account create(Caller caller, NewAccount request) {
        String kabupaten = caller.kabupatenCode();
        String username = Usernames.qualified(kabupaten, request.username());
        List<Problem.Violation> violations = new ArrayList<>();
        if (!Usernames.wellFormedOf(kabupaten, username)) {
            violations.add(new Problem.Violation("username", Usernames.FORM_MESSAGE + ", at most 60 with the prefix "
                    + Usernames.prefix(kabupaten)));
        }
        Role role = request.role();
        if (role == Role.OPD_SYSTEM) {
            violations.add(new Problem.Violation("role", "OPD_SYSTEM is for API keys, not accounts"));
        } else if (role == Role.OPERATOR) {
            violations.add(new Problem.Violation("role", "operators belong to no kabupaten: they are made with the create-operator command"));
        }
        violations.addAll(scopeViolations(kabupaten, role, request.desaCode(), request.opdId(), "desaCode", "opdId"));
        violations.addAll(passwords.violations("password", request.password(), username));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Account a = insert(kabupaten, username, request.displayName().trim(), role, request.desaCode(), request.opdId(),
                passwords.hash(request.password()), caller.principalKey());
        return a;
    }

    /** What is wrong with a role's desa and OPD in a kabupaten, as violations of the given fields. */
    List<Problem.Violation> scopeViolations(String kabupaten, Role role, String desaCode, Long opdId, String desaField, String opdField) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (role == Role.DESA_OFFICER) {
            Region desa = desaCode == null ? null : Region.findById(desaCode);
            if (desaCode == null) {
                violations.add(new Problem.Violation(desaField, "is required for a DESA_OFFICER"));
            } else if (desa == null || desa.level != 4 || !kabupaten.equals(desa.kabupatenCode)) {
                violations.add(new Problem.Violation(desaField, "is not a desa of kabupaten " + kabupaten));
            }
        } else if (desaCode != null) {
            violations.add(new Problem.Violation(desaField, "is only for a DESA_OFFICER"));
        }
        if (role == Role.OPD_OFFICER) {
            Opd opd = opdId == null ? null : Opd.findById(opdId);
            if (opdId == null) {
                violations.add(new Problem.Violation(opdField, "is required for an OPD_OFFICER"));
            } else if (opd == null || !kabupaten.equals(opd.kabupatenCode)) {
                violations.add(new Problem.Violation(opdField, "is not an OPD of kabupaten " + kabupaten));
            }
        } else if (opdId != null) {
            violations.add(new Problem.Violation(opdField, "is only for an OPD_OFFICER"));
        }
        return violations;
    }

    /**
     * Stores a new account whose password someone else set, so that it must set its own at its first login. 409 when
     * the username is taken, also by a concurrent twin (the unique index decides).
     */
    Account insert(String kabupaten, String username, String displayName, Role role, String desaCode, Long opdId,
                   String passwordHash, String by) {
        if (Account.count("username", username) > 0) {
            throw taken(username);
        }
        Account a = new Account();
        a.kabupatenCode = kabupaten;
        a.username = username;
        a.displayName = displayName;
        a.passwordHash = passwordHash;
        a.passwordChangeRequired = true;
        a.role = role;
        a.desaCode = desaCode;
        a.opdId = opdId;
        a.createdAt = now();
        a.updatedAt = a.createdAt;
        try {
            a.persistAndFlush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            if ("account_username_key".equals(e.getConstraintName())) {
                throw taken(username);
            }
            throw e;
        }
        LOG.infof("account %d (%s) created by %s", a.id, a.role, by);
        return a;
    }

    private static ProblemException taken(String username) {
        return ProblemException.conflict("USERNAME_TAKEN", "the username " + username + " is taken");
    }

    /** An operator creates an ADMIN of an onboarded kabupaten, with a one-time password shown once. */
    public Created createAdmin(Caller caller, String kabupaten, String username, String displayName) {
        requireOnboarded(kabupaten);
        String name = Usernames.qualified(kabupaten, username);
        if (!Usernames.wellFormedOf(kabupaten, name)) {
            throw ProblemException.invalid("username", Usernames.FORM_MESSAGE + ", at most 60 with the prefix " + Usernames.prefix(kabupaten));
        }
        String secret = Passwords.random();
        Account a = insert(kabupaten, name, displayName.strip(), Role.ADMIN, null, null, Passwords.oneTimeHash(secret), caller.principalKey());
        return new Created(a, secret);
    }

    /** An account just made, with the one-time secret it logs in with the first time (never stored in the clear). */
    public record Created(Account account, String oneTimeSecret) {
    }

    /** The ADMINs of an onboarded kabupaten, oldest first, for its operator. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page admins(String kabupaten, Long after, int limit) {
        requireOnboarded(kabupaten);
        List<Account> rows = Account.find("kabupatenCode = ?1 and role = ?2 and id > ?3 order by id", kabupaten, Role.ADMIN,
                after == null ? 0L : after).page(0, limit + 1).list();
        return page(rows, limit);
    }

    /** An operator disables or enables an ADMIN of a kabupaten; disabling ends every session of the account. */
    public Account setAdminEnabled(Caller caller, String kabupaten, long id, String ifMatch, boolean enabled) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        Account a = Account.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.role != Role.ADMIN || !kabupaten.equals(a.kabupatenCode)) {
            throw ProblemException.notFound("admin " + id + " of kabupaten " + kabupaten);
        }
        ETags.checkIfMatch(ifMatch, a.version);
        return enable(caller, a, enabled);
    }

    private void requireOnboarded(String kabupaten) {
        if (kabupaten == null || em.find(id.go.layanandesa.kabupaten.Tenant.class, kabupaten) == null) {
            throw ProblemException.notFound("onboarded kabupaten " + kabupaten);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(Caller caller, Role role, Long after, int limit) {
        StringBuilder query = new StringBuilder("kabupatenCode = :kabupaten and id > :after");
        var params = io.quarkus.panache.common.Parameters.with("kabupaten", caller.kabupatenCode())
                .and("after", after == null ? 0L : after);
        if (role != null) {
            query.append(" and role = :role");
            params = params.and("role", role);
        }
        List<Account> rows = Account.find(query + " order by id", params).page(0, limit + 1).list();
        return page(rows, limit);
    }

    private static Page page(List<Account> rows, int limit) {
        Long next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).id;
        }
        return new Page(rows, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Account get(Caller caller, long id) {
        Account a = Account.findById(id);
        if (a == null || !caller.kabupatenCode().equals(a.kabupatenCode)) {
            throw ProblemException.notFound("account " + id);
        }
        return a;
    }

    public Account setEnabled(Caller caller, long id, String ifMatch, boolean enabled) {
        return enable(caller, forChange(caller, id, ifMatch), enabled);
    }

    private Account enable(Caller caller, Account a, boolean enabled) {
        if (!enabled && a.id.equals(caller.accountId())) {
            throw ProblemException.conflict("OWN_ACCOUNT", "an admin cannot disable their own account");
        }
        if (a.enabled != enabled) {
            a.enabled = enabled;
            changed(a);
            if (!enabled) {
                sessions.endAll(a.id, Sessions.EndReason.DISABLED);
            }
            LOG.infof("account %d %s by %s", a.id, enabled ? "enabled" : "disabled", caller.principalKey());
        }
        return a;
    }

    /** Lifts the waits failed logins put on the account, on every instance; a new version only when it had failures. */
    public Account unlock(Caller caller, long id, String ifMatch) {
        Account a = forChange(caller, id, ifMatch);
        throttle.liftEverywhere(a.username);
        if (a.failedLogins != 0) {
            a.failedLogins = 0;
            changed(a);
            LOG.infof("account %d unlocked by %s", a.id, caller.principalKey());
        }
        return a;
    }

    /**
     * Sets a new password, which the account must replace at its next login (someone else knows it). Every session of
     * the account ends (whoever held its tokens must log in with the new one), and the waits of failed logins are
     * lifted, since the owner is told the new password.
     */
    public Account resetPassword(Caller caller, long id, String ifMatch, String password) {
        Account a = forChange(caller, id, ifMatch);
        List<Problem.Violation> violations = passwords.violations("password", password, a.username);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        a.passwordHash = passwords.hash(password);
        a.passwordChangeRequired = true;
        a.failedLogins = 0;
        changed(a);
        sessions.endAll(a.id, Sessions.EndReason.PASSWORD_SET);
        throttle.liftEverywhere(a.username);
        LOG.infof("password of account %d reset by %s", a.id, caller.principalKey());
        return a;
    }

    private void changed(Account a) {
        a.updatedAt = now();
        a.flush();
    }

    /** The account, locked for this transaction, when the If-Match names its current version. */
    private Account forChange(Caller caller, long id, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        Account a = Account.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !caller.kabupatenCode().equals(a.kabupatenCode)) {
            throw ProblemException.notFound("account " + id);
        }
        ETags.checkIfMatch(ifMatch, a.version);
        return a;
    }

    /** Now, to the microsecond the database keeps, so that answers show what was stored. */
    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
