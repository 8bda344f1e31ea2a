package id.go.layanandesa.common.security;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * An account whose password someone else set (an admin, an operator, a one-time activation secret) may do nothing but
 * replace it: every secured operation not marked {@link AllowedBeforePasswordChange} answers it 403
 * PASSWORD_CHANGE_REQUIRED. Public operations are not looked at, so that their callers are never authenticated here.
 */
public class PasswordChangeGate {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> gate(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(AllowedBeforePasswordChange.class) || !secured(method)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (Caller.of(identity).map(CallerIdentity::passwordChangeRequired).orElse(false)) {
                throw new ProblemException(ProblemCode.PASSWORD_CHANGE_REQUIRED, "Password change required",
                        "this account's password was set by someone else: set your own with POST /api/v1/me/password first");
            }
            return null;
        });
    }

    private static boolean secured(Method method) {
        Class<?> type = method.getDeclaringClass();
        return method.isAnnotationPresent(RolesAllowed.class) || method.isAnnotationPresent(Authenticated.class)
                || type.isAnnotationPresent(RolesAllowed.class) || type.isAnnotationPresent(Authenticated.class);
    }
}
