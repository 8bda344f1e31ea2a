package id.go.layanandesa.common.security;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.smallrye.jwt.runtime.auth.QuarkusJwtCallerPrincipal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The claims of a verified token that {@link CallerIdentity} reads, read once when the token is verified. Read from
 * the parsed claims themselves where the token allows: asking a {@link JsonWebToken} for a claim the JWT
 * specification does not name costs an exception each time.
 *
 * @param issuer    the token's issuer
 * @param kabupaten the kabupaten claim, else null
 * @param desa      the desa claim, else null
 * @param opd       the OPD claim as sent, else null
 * @param account   the account claim as sent, else null
 * @param session   the login session claim, else null
 */
public record TokenClaims(String issuer, String kabupaten, String desa, String opd, String account, String session) {

    /** The identity attribute that carries them. */
    public static final String ATTRIBUTE = "layanan.token-claims";

    public static TokenClaims of(JsonWebToken jwt, LayananConfig.Auth auth) {
        LayananConfig.Auth.Claims names = auth.claims();
        return new TokenClaims(jwt.getIssuer(), claim(jwt, names.kabupaten()), claim(jwt, names.desa()), claim(jwt, names.opd()),
                claim(jwt, names.accountId()), claim(jwt, CallerIdentity.SESSION_CLAIM));
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt instanceof QuarkusJwtCallerPrincipal parsed ? parsed.getClaims().getClaimValue(name) : jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        String s = value instanceof jakarta.json.JsonString js ? js.getString() : value.toString();
        return s.isBlank() ? null : s;
    }
}
