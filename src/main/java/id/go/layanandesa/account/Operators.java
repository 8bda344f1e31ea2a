package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The operators of the installation, made from the shell ({@code create-operator}): the first account of an empty
 * installation. Each gets a random one-time password, shown once, which it must replace at its first login.
 */
@ApplicationScoped
public class Operators {

    private static final Logger LOG = Logger.getLogger(Operators.class);

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    public enum Outcome {
        /** A new operator account. */
        CREATED,
        /** An existing operator got a new one-time password (forced). */
        RESET,
        /** Refused: an operator exists and the command was not forced. */
        OPERATOR_EXISTS,
        /** Refused: the username belongs to an account of a kabupaten. */
        USERNAME_OF_ANOTHER_ROLE
    }

    /** What the command did, with the one-time password when there is one and the operators that existed before. */
    public record Result(Outcome outcome, String username, String oneTimePassword, List<String> existing) {
    }

    /**
     * Creates the operator, refusing while any operator exists unless {@code force}; forced, an existing operator of
     * that name gets a new one-time password (its sessions end), which is how a lost operator password is replaced.
     */
    @Transactional
    public Result create(String username, boolean force) {
        // one at a time: two first operators made at once would both see none
        Account.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('layanan.create-operator'))").getSingleResult();
        List<String> existing = Account.<Account>list("role = ?1 order by id", Role.OPERATOR).stream().map(a -> a.username).toList();
        if (!existing.isEmpty() && !force) {
            return new Result(Outcome.OPERATOR_EXISTS, username, null, existing);
        }
        Account same = Account.find("username", username).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        String secret = Passwords.random();
        if (same != null) {
            if (same.role != Role.OPERATOR) {
                return new Result(Outcome.USERNAME_OF_ANOTHER_ROLE, username, null, existing);
            }
            same.passwordHash = Passwords.oneTimeHash(secret);
            same.passwordChangeRequired = true;
            same.enabled = true;
            same.failedLogins = 0;
            same.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            same.flush();
            sessions.endAll(same.id, Sessions.EndReason.PASSWORD_SET);
            LOG.infof("operator account %d got a new one-time password from the shell", same.id);
            return new Result(Outcome.RESET, username, secret, existing);
        }
        Account a = new Account();
        a.username = username;
        a.displayName = "Operator " + username;
        a.passwordHash = Passwords.oneTimeHash(secret);
        a.passwordChangeRequired = true;
        a.role = Role.OPERATOR;
        a.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        a.updatedAt = a.createdAt;
        a.persistAndFlush();
        LOG.infof("operator account %d created from the shell", a.id);
        return new Result(Outcome.CREATED, username, secret, existing);
    }
}
