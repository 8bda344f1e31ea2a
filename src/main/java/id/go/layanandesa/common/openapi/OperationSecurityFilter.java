package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.security.Role;
import io.quarkus.security.Authenticated;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Declares each operation's security from the annotation that really decides who may call it: the resource
 * method's {@code @RolesAllowed}, {@code @PermitAll}, {@code @Authenticated} or {@code @DenyAll}, else its class's,
 * as JAX-RS applies them. Anyone may call a {@code @PermitAll} operation ({@code security: []}); every other one
 * takes an access token ({@code bearer}, which also carries an OPD system's API key), and the {@code apiKey}
 * header as well when a role that authenticates with an API key may call it. The build fails on an
 * operation that none of these annotations decides, and on a hand-written {@code @SecurityRequirement}, so the
 * spec cannot drift from what the service enforces. It runs before {@link ProblemResponsesFilter}, which
 * declares 401 and 403 on the secured operations.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 200)
public class OperationSecurityFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    /** The role an API key authenticates as (ApiKeyIdentityProvider): only OPD systems hold API keys. */
    static final String API_KEY_ROLE = Role.OPD_SYSTEM_;
    /** {@code @RolesAllowed("**")}: any authenticated caller, as {@code @Authenticated}. */
    static final String ANY_ROLE = "**";

    private static final DotName PERMIT_ALL = DotName.createSimple(PermitAll.class);
    private static final DotName ROLES_ALLOWED = DotName.createSimple(RolesAllowed.class);
    private static final DotName AUTHENTICATED = DotName.createSimple(Authenticated.class);
    private static final DotName DENY_ALL = DotName.createSimple(DenyAll.class);

    private final IndexView index;

    public OperationSecurityFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        declare(openAPI, ResourceMethods.of(index));
    }

    /** Declares the security of every operation from its resource method, found by {@link ResourceMethods#key}. */
    static void declare(OpenAPI openAPI, Map<String, MethodInfo> methods) {
        List<String> undecided = new ArrayList<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((verb, operation) -> {
            String where = verb + " " + path;
            if (operation.getSecurity() != null) {
                undecided.add(where + ": declares its security by hand (@SecurityRequirement); its @RolesAllowed or @PermitAll declares it");
                return;
            }
            MethodInfo method = methods.get(ResourceMethods.key(path, verb));
            Optional<List<String>> schemes = method == null ? Optional.empty() : schemesOf(method);
            if (schemes.isEmpty()) {
                undecided.add(where + ": " + (method == null ? "no resource method found"
                        : method.declaringClass().simpleName() + "." + method.name() + " has neither @RolesAllowed nor @PermitAll"
                        + " (nor @Authenticated or @DenyAll), on itself or its class"));
                return;
            }
            operation.setSecurity(requirements(schemes.get()));
        }));
        if (!undecided.isEmpty()) {
            throw new IllegalStateException("The spec cannot say who may call these operations:\n  " + String.join("\n  ", undecided));
        }
    }

    /**
     * The security schemes a caller of the method may authenticate with: empty for anyone, nothing when no annotation
     * decides. The method's own annotation wins over its class's.
     */
    static Optional<List<String>> schemesOf(MethodInfo method) {
        return decided(method).or(() -> decided(method.declaringClass()));
    }

    private static Optional<List<String>> decided(AnnotationTarget target) {
        if (declares(target, PERMIT_ALL)) {
            return Optional.of(List.of());
        }
        if (declares(target, ROLES_ALLOWED)) {
            AnnotationInstance rolesAllowed = declared(target, ROLES_ALLOWED);
            return Optional.of(schemesFor(Arrays.asList(rolesAllowed.value().asStringArray())));
        }
        if (declares(target, AUTHENTICATED)) {
            return Optional.of(schemesFor(List.of(ANY_ROLE)));
        }
        if (declares(target, DENY_ALL)) {
            return Optional.of(schemesFor(List.of()));
        }
        return Optional.empty();
    }

    /**
     * The schemes of an operation the given roles may call, in the order the spec lists them: an access token always,
     * the API key header too when an API key's role is among them.
     */
    static List<String> schemesFor(Collection<String> roles) {
        return roles.contains(API_KEY_ROLE) || roles.contains(ANY_ROLE) ? List.of(BEARER, API_KEY) : List.of(BEARER);
    }

    private static List<SecurityRequirement> requirements(List<String> schemes) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (String scheme : schemes) {
            requirements.add(OASFactory.createSecurityRequirement().addScheme(scheme));
        }
        return requirements;
    }

    private static boolean declares(AnnotationTarget target, DotName annotation) {
        return declared(target, annotation) != null;
    }

    private static AnnotationInstance declared(AnnotationTarget target, DotName annotation) {
        return target.kind() == AnnotationTarget.Kind.METHOD ? target.asMethod().declaredAnnotation(annotation)
                : target.asClass().declaredAnnotation(annotation);
    }
}
