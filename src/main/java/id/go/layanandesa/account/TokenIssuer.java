package id.go.layanandesa.account;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.security.CallerIdentity;
import io.quarkus.arc.Unremovable;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** Opens a login session and signs an access token for it; the token stands while the session does. */
@ApplicationScoped
@Unremovable
public class TokenIssuer {

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    Sessions sessions;

    public record Token(String value, Instant expiresAt) {
    }

    public Token issue(Account account) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.auth().tokenLifetime());
        String session = sessions.open(account.id, expires).toString();
        LayananConfig.Auth.Claims claims = config.auth().claims();
        var builder = Jwt.issuer(config.auth().issuer())
                .subject(account.id.toString())
                .upn(account.username)
                .groups(Set.of(account.role.name()))
                .issuedAt(now)
                .expiresAt(expires)
                .claim(CallerIdentity.SESSION_CLAIM, session)
                .claim(claims.accountId(), account.id.toString());
        if (account.kabupatenCode != null) {
            builder.claim(claims.kabupaten(), account.kabupatenCode);
        }
        if (account.desaCode != null) {
            builder.claim(claims.desa(), account.desaCode);
        }
        if (account.opdId != null) {
            builder.claim(claims.opd(), account.opdId.toString());
        }
        return new Token(builder.sign(), expires);
    }
}
