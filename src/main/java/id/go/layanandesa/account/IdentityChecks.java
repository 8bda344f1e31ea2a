package id.go.layanandesa.account;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.CallerIdentity;
import id.go.layanandesa.common.security.IdentityCheck;
import id.go.layanandesa.common.security.Role;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks every authenticated call passes (see {@link IdentityCheck}). Answers:
 * <ul>
 * <li>401 when one of this service's tokens no longer stands: no session, or its session ended (logout, new
 *   password, disabled account). Logging in again is the remedy, which is what 401 tells a client.</li>
 * <li>403 when an authentic credential describes an identity the data does not hold: a kabupaten that is not one,
 *   a desa outside it, an OPD of another kabupaten or none at all, claims that are not those of the account they
 *   name. Authenticating again would give the same identity, so 401 would only send the client round in circles.</li>
 * </ul>
 */
@ApplicationScoped
public class IdentityChecks implements IdentityCheck {

    /** Regions and OPDs do not move between kabupaten; a region import may add codes, which a short memory allows. */
    static final Duration SCOPE_MEMORY = Duration.ofMinutes(5);
    private static final int SCOPES_KEPT = 10_000;

    @Inject
    Sessions sessions;

    @Inject
    AgroalDataSource dataSource;

    private record Scope(Role role, String kabupatenCode, String desaCode, Long opdId) {
    }

    private record Verdict(Optional<String> refusal, long readAt) {
    }

    private final ConcurrentHashMap<Scope, Verdict> scopes = new ConcurrentHashMap<>();

    @Override
    public CallerIdentity verify(CallerIdentity caller) {
        return check(caller, false);
    }

    @Override
    public CallerIdentity verifyFromMemory(CallerIdentity caller) {
        return check(caller, true);
    }

    /** The checks; with {@code memoryOnly}, null as soon as one would need the database. */
    private CallerIdentity check(CallerIdentity caller, boolean memoryOnly) {
        CallerIdentity checked = caller;
        switch (caller.kind()) {
            case SESSION -> {
                UUID id = uuid(caller.sessionId());
                Sessions.State session = id == null ? null : memoryOnly ? sessions.sessionFromMemory(id) : sessions.session(id);
                if (memoryOnly && id != null && session == null) {
                    return null;
                }
                if (session == null || !session.live()) {
                    throw new AuthenticationFailedException("the token's session has ended or never existed");
                }
                if (!session.describes(caller)) {
                    throw ProblemException.forbidden("the token's claims are not those of its account");
                }
                if (session.passwordChangeRequired()) {
                    checked = caller.mustChangePassword();
                }
            }
            case EXTERNAL -> {
                if (caller.accountId() != null) {
                    Sessions.State account = memoryOnly ? sessions.accountFromMemory(caller.accountId()) : sessions.account(caller.accountId());
                    if (memoryOnly && account == null) {
                        return null;
                    }
                    if (account == null || !account.describes(caller)) {
                        throw ProblemException.forbidden("the token names an account whose role or scope is another");
                    }
                    if (!account.live()) {
                        throw ProblemException.forbidden("the token names a disabled account");
                    }
                }
            }
            case API_KEY -> {
                // revoked keys never get this far (ApiKeyIdentityProvider)
            }
        }
        if (caller.role() == Role.OPERATOR) {
            // an operator belongs to no kabupaten; only an account of this service can be one
            if (caller.kind() != CallerIdentity.Kind.SESSION) {
                throw ProblemException.forbidden("an operator signs in with an account of this service");
            }
            return checked;
        }
        Scope scope = new Scope(caller.role(), caller.kabupatenCode(), caller.desaCode(), caller.opdId());
        Optional<String> refusal = memoryOnly ? keptRefusal(scope) : refusal(scope);
        if (refusal == null) {
            return null;
        }
        refusal.ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        return checked;
    }

    /**
     * Scopes the data holds are remembered a while; refusals are not, so that a kabupaten onboarded a moment ago is
     * served at once.
     */
    private Optional<String> refusal(Scope scope) {
        Optional<String> kept = keptRefusal(scope);
        if (kept != null) {
            return kept;
        }
        Optional<String> refusal = Optional.ofNullable(read(scope));
        if (refusal.isEmpty()) {
            if (scopes.size() >= SCOPES_KEPT) {
                scopes.clear();
            }
            scopes.put(scope, new Verdict(refusal, System.nanoTime()));
        }
        return refusal;
    }

    /** What is remembered of the scope, or null when nothing is (or it is too old). */
    private Optional<String> keptRefusal(Scope scope) {
        Verdict kept = scopes.get(scope);
        if (kept != null && System.nanoTime() - kept.readAt() < SCOPE_MEMORY.toNanos()) {
            return kept.refusal();
        }
        return null;
    }

    /** Why the scope is not one the data holds, or null when it is. */
    private String read(Scope scope) {
        try (Connection c = dataSource.getConnection()) {
            String[] kabupaten = row(c, "select level, kabupaten_code from region where code = ?", scope.kabupatenCode());
            if (kabupaten == null || !"2".equals(kabupaten[0])) {
                return "the credentials name a kabupaten that does not exist";
            }
            if (row(c, "select kabupaten_code, kabupaten_code from tenant where kabupaten_code = ?", scope.kabupatenCode()) == null) {
                return "the credentials name a kabupaten that has not been onboarded";
            }
            if (scope.role() == Role.DESA_OFFICER) {
                String[] desa = row(c, "select level, kabupaten_code from region where code = ?", scope.desaCode());
                if (desa == null || !"4".equals(desa[0]) || !scope.kabupatenCode().equals(desa[1])) {
                    return "the credentials name a desa that is not in their kabupaten";
                }
            }
            if (scope.role() == Role.OPD_OFFICER || scope.role() == Role.OPD_SYSTEM) {
                String[] opd = row(c, "select kabupaten_code, kabupaten_code from opd where id = ?", scope.opdId());
                if (opd == null || !scope.kabupatenCode().equals(opd[0])) {
                    return "the credentials name an OPD that is not one of their kabupaten";
                }
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the caller's scope", e);
        }
    }

    private static String[] row(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new String[]{rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static UUID uuid(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
