package id.go.layanandesa.account;

import id.go.layanandesa.common.security.CallerIdentity;
import id.go.layanandesa.common.security.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a valid, unrevoked API key into the identity of its OPD's system. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ApiKeyService keys;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKeyService.KeyHolder holder = keys.authenticate(request.key());
            if (holder == null) {
                throw new AuthenticationFailedException("unknown or revoked API key");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(holder.name()))
                    .addRole(Role.OPD_SYSTEM_)
                    .addAttribute(CallerIdentity.ATTR_KABUPATEN, holder.kabupatenCode())
                    .addAttribute(CallerIdentity.ATTR_OPD, holder.opdId())
                    .addAttribute(CallerIdentity.ATTR_API_KEY, holder.id())
                    .build();
        });
    }
}
