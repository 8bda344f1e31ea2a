package id.go.layanandesa.common.security;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs {@link IdentityCheck} on every identity a credential yields (access token or API key), before any role check,
 * and hands the checked {@link CallerIdentity} to {@link Caller}. A credential that verifies but no longer stands
 * thus fails authentication everywhere, whichever endpoint it is sent to.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    static final String ATTR_CALLER = "layanan.caller";

    @Inject
    IdentityCheck check;

    @Inject
    LayananConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(ATTR_CALLER) != null) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            CallerIdentity caller = check.verify(CallerIdentity.of(identity, config));
            return QuarkusSecurityIdentity.builder(identity).addAttribute(ATTR_CALLER, caller).build();
        });
    }
}
