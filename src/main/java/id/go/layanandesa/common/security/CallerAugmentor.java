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
        CallerIdentity claimed;
        CallerIdentity known;
        try {
            claimed = CallerIdentity.of(identity, config);
            known = check.verifyFromMemory(claimed);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        if (known != null) {
            // what the check needs is in memory: no hop to a worker thread
            return Uni.createFrom().item(checked(identity, known));
        }
        return context.runBlocking(() -> checked(identity, check.verify(claimed)));
    }

    private static SecurityIdentity checked(SecurityIdentity identity, CallerIdentity caller) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(ATTR_CALLER, caller).build();
    }
}
