package id.go.layanandesa.account;

import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.IfMatch;
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
import java.util.Locale;
import java.util.regex.Pattern;

/** Accounts of one kabupaten, kept by its admins. Every look-up is scoped to the admin's kabupaten. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    @Inject
    Sessions sessions;

    @Inject
    LoginThrottle throttle;

    public record NewAccount(String username, String displayName, Role role, String desaCode, Long opdId, String password) {
    }

    public record Page(List<Account> items, Long next) {
    }

    public Account create(Caller caller, NewAccount request) {
        String username = request.username() == null ? null : request.username().trim().toLowerCase(Locale.ROOT);
        List<Problem.Violation> violations = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            violations.add(new Problem.Violation("username",
                    "must be 3 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit"));
        }
        Role role = request.role();
        if (role == Role.OPD_SYSTEM) {
            violations.add(new Problem.Violation("role", "OPD_SYSTEM is for API keys, not accounts"));
        }
        if (role == Role.DESA_OFFICER) {
            Region desa = request.desaCode() == null ? null : Region.findById(request.desaCode());
            if (request.desaCode() == null) {
                violations.add(new Problem.Violation("desaCode", "is required for a DESA_OFFICER"));
            } else if (desa == null || desa.level != 4 || !caller.kabupatenCode().equals(desa.kabupatenCode)) {
                violations.add(new Problem.Violation("desaCode", "is not a desa of kabupaten " + caller.kabupatenCode()));
            }
        } else if (request.desaCode() != null) {
            violations.add(new Problem.Violation("desaCode", "is only for a DESA_OFFICER"));
        }
        if (role == Role.OPD_OFFICER) {
            Opd opd = request.opdId() == null ? null : Opd.findById(request.opdId());
            if (request.opdId() == null) {
                violations.add(new Problem.Violation("opdId", "is required for an OPD_OFFICER"));
            } else if (opd == null || !caller.kabupatenCode().equals(opd.kabupatenCode)) {
                violations.add(new Problem.Violation("opdId", "is not an OPD of kabupaten " + caller.kabupatenCode()));
            }
        } else if (request.opdId() != null) {
            violations.add(new Problem.Violation("opdId", "is only for an OPD_OFFICER"));
        }
        violations.addAll(passwords.violations("password", request.password(), username));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (Account.count("username", username) > 0) {
            throw ProblemException.conflict("USERNAME_TAKEN", "the username " + username + " is taken");
        }
        Account a = new Account();
        a.kabupatenCode = caller.kabupatenCode();
        a.username = username;
        a.displayName = request.displayName().trim();
        a.passwordHash = passwords.hash(request.password());
        a.role = role;
        a.desaCode = request.desaCode();
        a.opdId = request.opdId();
        a.createdAt = now();
        a.updatedAt = a.createdAt;
        try {
            a.persistAndFlush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // two admins creating the same username at once: the unique index decides
            if ("account_username_key".equals(e.getConstraintName())) {
                throw ProblemException.conflict("USERNAME_TAKEN", "the username " + username + " is taken");
            }
            throw e;
        }
        LOG.infof("account %d (%s) created by %s", a.id, a.role, caller.principalKey());
        return a;
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
        if (a == null || !a.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("account " + id);
        }
        return a;
    }

    public Account setEnabled(Caller caller, long id, String ifMatch, boolean enabled) {
        Account a = forChange(caller, id, ifMatch);
        if (!enabled && id == (caller.accountId() == null ? -1 : caller.accountId())) {
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
     * Sets a new password. Every session of the account ends (whoever held its tokens must log in with the new one),
     * and the waits of failed logins are lifted, since the owner is told the new password.
     */
    public Account resetPassword(Caller caller, long id, String ifMatch, String password) {
        Account a = forChange(caller, id, ifMatch);
        List<Problem.Violation> violations = passwords.violations("password", password, a.username);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        a.passwordHash = passwords.hash(password);
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
        if (a == null || !a.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("account " + id);
        }
        IfMatch.check(ifMatch, a.version);
        return a;
    }

    /** Now, to the microsecond the database keeps, so that answers show what was stored. */
    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
