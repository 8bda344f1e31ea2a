package id.go.layanandesa.account;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Checks a username and password and issues an access token. Unknown, disabled and locked accounts fail
 * exactly like a wrong password, in about the same time. The password check runs outside any transaction so
 * that no connection waits on bcrypt; the failure counter moves in one atomic UPDATE.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    @Inject
    Passwords passwords;

    @Inject
    TokenIssuer tokens;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Sessions sessions;

    public record Login(TokenIssuer.Token token, AccountView account) {
    }

    public Login login(String username, String password) {
        String key = username.trim().toLowerCase(Locale.ROOT);
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.byUsername(key));
        if (account == null) {
            passwords.verifyDummy(password);
            throw invalidCredentials();
        }
        boolean matches = passwords.matches(password, account.passwordHash);
        Instant now = clock.instant();
        boolean locked = account.lockedUntil != null && account.lockedUntil.isAfter(now);
        if (!account.enabled || locked) {
            LOG.infof("login refused for account %d: %s", account.id, account.enabled ? "locked" : "disabled");
            throw invalidCredentials();
        }
        if (!matches) {
            recordFailure(account.id, now);
            throw invalidCredentials();
        }
        // The account may have been locked or disabled since it was read: the success counts only if it still may log in.
        Account current = QuarkusTransaction.requiringNew().call(() -> {
            int updated = em.createNativeQuery("""
                            update account set failed_logins = 0, locked_until = null
                            where id = :id and enabled and (locked_until is null or locked_until <= cast(:now as timestamptz))""")
                    .setParameter("id", account.id)
                    .setParameter("now", now)
                    .executeUpdate();
            return updated == 1 ? Account.<Account>findById(account.id) : null;
        });
        if (current == null) {
            throw invalidCredentials();
        }
        return new Login(tokens.issue(current), AccountView.of(current, now));
    }

    /** Ends the session of the token the caller sent. */
    public void logout(UUID session) {
        QuarkusTransaction.requiringNew().run(() -> sessions.end(session, Sessions.EndReason.LOGOUT));
    }

    /**
     * One failed login: counts it and locks the account when the count reaches the limit. A lock that has run
     * out starts a new count. Attempts while locked are not counted, so a lock never extends itself.
     */
    void recordFailure(long accountId, Instant now) {
        int max = config.auth().maxFailedLogins();
        Instant until = now.plus(config.auth().lockDuration());
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                        update account set
                            failed_logins = case when locked_until is not null then 1 else failed_logins + 1 end,
                            locked_until = case when (case when locked_until is not null then 1 else failed_logins + 1 end) >= :max
                                                then cast(:until as timestamptz) else null end
                        where id = :id and (locked_until is null or locked_until <= cast(:now as timestamptz))
                        returning failed_logins, locked_until""")
                .setParameter("id", accountId)
                .setParameter("now", now)
                .setParameter("until", until)
                .setParameter("max", max)
                .getResultStream().findFirst().orElse(null));
        if (row != null && row[1] != null) {
            LOG.infof("account %d locked after %d failed logins", accountId, ((Number) row[0]).intValue());
        }
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(401, "INVALID_CREDENTIALS", "Invalid credentials",
                "the username or password is wrong, or the account may not log in now", null, null, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"layanan-desa\""));
    }
}
