package id.go.layanandesa.account;

import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An account sets its own password, proving it knows the current one. The account's other sessions end, as when an
 * admin sets a password; the session that asked goes on, now free of the duty to change it. A wrong current password
 * counts as a failed login of the username from the client's address ({@link LoginThrottle}), and the checks run
 * outside any transaction, in the bounded {@link PasswordCheckSlots}.
 */
@ApplicationScoped
public class OwnPassword {

    private static final Logger LOG = Logger.getLogger(OwnPassword.class);

    @Inject
    Passwords passwords;

    @Inject
    PasswordCheckSlots slots;

    @Inject
    LoginThrottle throttle;

    @Inject
    Sessions sessions;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public void change(Caller caller, String current, String next, String clientKey) {
        if (caller.accountId() == null || caller.sessionId() == null) {
            throw ProblemException.conflict("NO_LOCAL_SESSION",
                    "this token was issued by an external identity provider; change the password there");
        }
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(caller.accountId()));
        List<Problem.Violation> violations = new ArrayList<>(passwords.violations("newPassword", next, account.username));
        if (next != null && next.equals(current)) {
            violations.add(new Problem.Violation("newPassword", "must not be the current password"));
        }
        LoginThrottle.Attempt attempt = throttle.admit(account.username, clientKey);
        boolean reported = false;
        try {
            boolean matches = slots.check(() -> passwords.matches(current, account.passwordHash));
            if (!matches) {
                attempt.failed();
                reported = true;
                violations.add(0, new Problem.Violation("currentPassword", "is not the account's password"));
            }
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            String hash = passwords.hash(next);
            UUID keep = UUID.fromString(caller.sessionId());
            boolean changed = QuarkusTransaction.requiringNew().call(() -> {
                int updated = em.createNativeQuery("""
                                update account set password_hash = :hash, password_change_required = false, failed_logins = 0,
                                       version = version + 1, updated_at = :now
                                 where id = :id and password_hash = :old and enabled""")
                        .setParameter("hash", hash)
                        .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("id", account.id)
                        .setParameter("old", account.passwordHash)
                        .executeUpdate();
                if (updated == 1) {
                    sessions.endAllBut(account.id, keep, Sessions.EndReason.PASSWORD_SET);
                }
                return updated == 1;
            });
            if (!changed) {
                // an admin set a password or disabled the account since it was read, which ended this session too
                throw new io.quarkus.security.AuthenticationFailedException("the account changed meanwhile; log in again");
            }
            attempt.succeeded();
            reported = true;
            LOG.infof("account %d set its own password", account.id);
        } finally {
            if (!reported) {
                attempt.abandoned();
            }
        }
    }
}
