package id.go.layanandesa.common.security;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a verified credential says the caller is: a role with the scope every rule checks (the kabupaten, and the
 * desa or OPD for those roles). Only the scope the role uses is kept: a desa claim on an admin's token means nothing.
 *
 * An OPERATOR belongs to no kabupaten: its kabupaten is null whatever its credential claims.
 *
 * @param kind                   how the caller proved it
 * @param sessionId              the login session of one of this service's own tokens, else null
 * @param passwordChangeRequired the account's password was set by someone else and it may do nothing but replace it
 *                               (known once {@link IdentityCheck} has read the account)
 */
public record CallerIdentity(Kind kind, Role role, String name, String kabupatenCode, String desaCode, Long opdId,
                             Long accountId, Long apiKeyId, String sessionId, boolean passwordChangeRequired) {

    /** The same caller, now known to have to replace its password before anything else. */
    public CallerIdentity mustChangePassword() {
        return new CallerIdentity(kind, role, name, kabupatenCode, desaCode, opdId, accountId, apiKeyId, sessionId, true);
    }

    /** Attributes an API-key identity carries. */
    public static final String ATTR_KABUPATEN = "layanan.kabupaten";
    public static final String ATTR_OPD = "layanan.opd";
    public static final String ATTR_API_KEY = "layanan.api-key";
    /** The claim with the login session in this service's own tokens. */
    public static final String SESSION_CLAIM = "sid";

    public enum Kind {
        /** A token this service signed at a login; it stands only while its session does. */
        SESSION,
        /** A token of an external identity provider. */
        EXTERNAL,
        /** An OPD system's API key. */
        API_KEY
    }

    /**
     * The caller a verified identity describes. 403 when it carries no role of this service, more than one, or lacks
     * the scope its role needs (re-authenticating would give the same identity, so 401 would only send the client round in circles).
     */
    public static CallerIdentity of(SecurityIdentity identity, LayananConfig config) {
        java.util.List<Role> roles = identity.getRoles().stream().map(CallerIdentity::roleOf).filter(r -> r != null).distinct().toList();
        if (roles.isEmpty()) {
            throw ProblemException.forbidden("this identity carries no role of this service");
        }
        if (roles.size() > 1) {
            // each role has its own scope: which desa or OPD a second role would act for is anybody's guess
            throw ProblemException.forbidden("this identity carries more than one role of this service");
        }
        Role role = roles.get(0);
        String name = identity.getPrincipal().getName();
        Kind kind;
        String kabupaten;
        String desa;
        Long opd;
        Long account = null;
        Long apiKey = null;
        String session = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            TokenClaims claims = identity.getAttribute(TokenClaims.ATTRIBUTE);
            if (claims == null) {
                claims = TokenClaims.of(jwt, config.auth());
            }
            kind = config.auth().issuer().equals(claims.issuer()) ? Kind.SESSION : Kind.EXTERNAL;
            kabupaten = claims.kabupaten();
            desa = claims.desa();
            // An external identity provider may omit these or fill them with its own ids: what is not a number
            // is treated as absent (the rule below refuses an OPD role without an OPD).
            opd = number(claims.opd());
            account = number(claims.account());
            if (kind == Kind.SESSION) {
                session = claims.session();
            }
        } else {
            kind = Kind.API_KEY;
            kabupaten = identity.getAttribute(ATTR_KABUPATEN);
            desa = null;
            opd = identity.getAttribute(ATTR_OPD);
            apiKey = identity.getAttribute(ATTR_API_KEY);
        }
        if (role != Role.DESA_OFFICER) {
            desa = null;
        }
        if (role != Role.OPD_OFFICER && role != Role.OPD_SYSTEM) {
            opd = null;
        }
        if (role == Role.OPERATOR) {
            kabupaten = null;
        } else if (kabupaten == null
                || (role == Role.DESA_OFFICER && desa == null)
                || ((role == Role.OPD_OFFICER || role == Role.OPD_SYSTEM) && opd == null)) {
            throw ProblemException.forbidden("the credentials do not name the kabupaten, desa or OPD this role needs");
        }
        return new CallerIdentity(kind, role, name, kabupaten, desa, opd, account, apiKey, session, false);
    }

    private static final java.util.Map<String, Role> ROLES = java.util.Arrays.stream(Role.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Role::name, r -> r));

    /** The role of this service a group names, else null (an identity provider's tokens may carry groups of their own). */
    private static Role roleOf(String name) {
        return ROLES.get(name);
    }

    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
