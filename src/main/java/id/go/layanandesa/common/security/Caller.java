package id.go.layanandesa.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who is calling, with the scope every rule checks: the kabupaten, and the desa or OPD for those roles.
 * Built from an access token (ours or an external identity provider's) or from an API key, and checked against
 * the data by {@link CallerAugmentor} before any endpoint runs.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    private CallerIdentity who;

    private CallerIdentity who() {
        if (who == null) {
            if (identity == null || identity.isAnonymous()) {
                throw new io.quarkus.security.UnauthorizedException();
            }
            CallerIdentity checked = identity.getAttribute(CallerAugmentor.ATTR_CALLER);
            if (checked == null) {
                // every authenticated identity passes the augmentor; one that did not is not trusted
                throw new io.quarkus.security.UnauthorizedException();
            }
            who = checked;
        }
        return who;
    }

    public Role role() {
        return who().role();
    }

    /** How the caller proved who it is: a login session, an external identity provider's token, or an API key. */
    public CallerIdentity.Kind kind() {
        return who().kind();
    }

    public boolean is(Role r) {
        return role() == r;
    }

    /** The caller's kabupaten; null for an OPERATOR, which belongs to none. */
    public String kabupatenCode() {
        return who().kabupatenCode();
    }

    /** Whether the account must replace a password someone else set before it may do anything else. */
    public boolean passwordChangeRequired() {
        return who().passwordChangeRequired();
    }

    /** The checked identity, when the call carries one; empty for anonymous calls. */
    public static java.util.Optional<CallerIdentity> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(identity.getAttribute(CallerAugmentor.ATTR_CALLER));
    }

    /** The desa of a desa officer, else null. */
    public String desaCode() {
        return who().desaCode();
    }

    /** The OPD of an OPD officer or system, else null. */
    public Long opdId() {
        return who().opdId();
    }

    /** The account of a person, else null. */
    public Long accountId() {
        return who().accountId();
    }

    /** The API key of a machine client, else null. */
    public Long apiKeyId() {
        return who().apiKeyId();
    }

    /** The login session of one of this service's own tokens, else null. */
    public String sessionId() {
        return who().sessionId();
    }

    /** A short stable key of the caller: {@code account:12} or {@code key:7}. */
    public String principalKey() {
        CallerIdentity w = who();
        if (w.accountId() != null) {
            return "account:" + w.accountId();
        }
        if (w.apiKeyId() != null) {
            return "key:" + w.apiKeyId();
        }
        // A subject of an external identity provider: bounded, stable, and not the name itself.
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((w.kabupatenCode() + "/" + w.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sub:" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name history events show. */
    public String displayName() {
        return who().name();
    }
}
