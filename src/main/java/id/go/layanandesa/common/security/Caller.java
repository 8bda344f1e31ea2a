package id.go.layanandesa.common.security;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, with the scope every rule checks: the kabupaten, and the desa or OPD for those roles.
 * Built from an access token (ours or an external identity provider's) or from an API key.
 */
@RequestScoped
public class Caller {

    /** Attributes an API-key identity carries. */
    public static final String ATTR_KABUPATEN = "layanan.kabupaten";
    public static final String ATTR_OPD = "layanan.opd";
    public static final String ATTR_API_KEY = "layanan.api-key";

    @Inject
    SecurityIdentity identity;

    @Inject
    LayananConfig config;

    private boolean resolved;
    private Role role;
    private String kabupatenCode;
    private String desaCode;
    private Long opdId;
    private Long accountId;
    private Long apiKeyId;
    private String name;

    private void resolve() {
        if (resolved) {
            return;
        }
        if (identity == null || identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        role = identity.getRoles().stream()
                .map(r -> {
                    try {
                        return Role.valueOf(r);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                })
                .filter(r -> r != null)
                .findFirst()
                .orElseThrow(() -> ProblemException.forbidden("this identity carries no role of this service"));
        name = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            LayananConfig.Auth.Claims claims = config.auth().claims();
            kabupatenCode = stringClaim(jwt, claims.kabupaten());
            desaCode = stringClaim(jwt, claims.desa());
            // An external identity provider may omit these or fill them with its own ids: what is not a number
            // is treated as absent (the rule below refuses an OPD role without an OPD).
            opdId = number(stringClaim(jwt, claims.opd()));
            accountId = number(stringClaim(jwt, claims.accountId()));
        } else {
            kabupatenCode = identity.getAttribute(ATTR_KABUPATEN);
            opdId = identity.getAttribute(ATTR_OPD);
            apiKeyId = identity.getAttribute(ATTR_API_KEY);
        }
        if (kabupatenCode == null
                || (role == Role.DESA_OFFICER && desaCode == null)
                || ((role == Role.OPD_OFFICER || role == Role.OPD_SYSTEM) && opdId == null)) {
            throw ProblemException.forbidden("the credentials do not name the kabupaten, desa or OPD this role needs");
        }
        resolved = true;
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

    private static String stringClaim(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value == null) {
            return null;
        }
        String s = value instanceof jakarta.json.JsonString js ? js.getString() : value.toString();
        return s.isBlank() ? null : s;
    }

    public Role role() {
        resolve();
        return role;
    }

    public boolean is(Role r) {
        return role() == r;
    }

    public String kabupatenCode() {
        resolve();
        return kabupatenCode;
    }

    /** The desa of a desa officer, else null. */
    public String desaCode() {
        resolve();
        return desaCode;
    }

    /** The OPD of an OPD officer or system, else null. */
    public Long opdId() {
        resolve();
        return opdId;
    }

    /** The account of a person, else null. */
    public Long accountId() {
        resolve();
        return accountId;
    }

    /** The API key of a machine client, else null. */
    public Long apiKeyId() {
        resolve();
        return apiKeyId;
    }

    /** A short stable key of the caller: {@code account:12} or {@code key:7}. */
    public String principalKey() {
        resolve();
        if (accountId != null) {
            return "account:" + accountId;
        }
        if (apiKeyId != null) {
            return "key:" + apiKeyId;
        }
        // A subject of an external identity provider: bounded, stable, and not the name itself.
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((kabupatenCode + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sub:" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name history events show. */
    public String displayName() {
        resolve();
        return name;
    }
}
