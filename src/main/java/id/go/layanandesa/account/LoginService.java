package id.go.layanandesa.account;

import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Checks a username and password and issues an access token for a new login session. Unknown and disabled accounts
 * fail exactly like a wrong password, in about the same time, and count alike in the {@link LoginThrottle}. The
 * password check runs outside any transaction, so that no connection waits on bcrypt, and in one of the bounded
 * {@link PasswordCheckSlots}.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    @Inject
    Passwords passwords;

    @Inject
    TokenIssuer tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordCheckSlots slots;

    @Inject
    Sessions sessions;

    @Inject
    EntityManager em;

    public record Login(TokenIssuer.Token token, AccountView account) {
    }

    /** Logs in from the client with this limit key (see {@link id.go.layanandesa.common.ClientAddress}). */
    public Login login(String username, String password, String clientKey) {
        String key = username.strip().toLowerCase(Locale.ROOT);
        LoginThrottle.Attempt attempt = throttle.admit(key, clientKey);
        boolean reported = false;
        try {
            Account account = QuarkusTransaction.requiringNew().call(() -> Account.byUsername(key));
            boolean matches = slots.check(() -> {
                if (account == null) {
                    passwords.verifyDummy(password);
                    return false;
                }
                return passwords.matches(password, account.passwordHash);
            });
            if (account == null || !account.enabled || !matches) {
                if (account != null) {
                    recordFailure(account.id);
                }
                boolean waits = attempt.failed();
                reported = true;
                if (waits && account != null) {
                    LOG.infof("failed logins of account %d from one address now wait before each try", account.id);
                }
                throw invalidCredentials();
            }
            // The account may have been disabled since it was read: the success counts only if it still may log in.
            Account current = QuarkusTransaction.requiringNew().call(() -> {
                int updated = em.createNativeQuery("update account set failed_logins = 0 where id = :id and enabled")
                        .setParameter("id", account.id)
                        .executeUpdate();
                return updated == 1 ? Account.<Account>findById(account.id) : null;
            });
            if (current == null) {
                attempt.failed();
                reported = true;
                throw invalidCredentials();
            }
            TokenIssuer.Token token = tokens.issue(current);
            attempt.succeeded();
            reported = true;
            return new Login(token, AccountView.of(current));
        } finally {
            if (!reported) {
                attempt.abandoned();
            }
        }
    }

    /** Ends the session of the token the caller sent. */
    public void logout(UUID session) {
        QuarkusTransaction.requiringNew().run(() -> sessions.end(session, Sessions.EndReason.LOGOUT));
    }

    /** One failed login of an existing account: counted for its admins to see (one atomic UPDATE). */
    void recordFailure(long accountId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update account set failed_logins = failed_logins + 1 where id = :id")
                .setParameter("id", accountId)
                .executeUpdate());
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(401, "INVALID_CREDENTIALS", "Invalid credentials",
                "the username or password is wrong, or the account may not log in now", null, null, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"layanan-desa\""));
    }
}
