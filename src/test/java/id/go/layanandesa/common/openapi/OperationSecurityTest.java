package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.security.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's security comes from the annotations that decide who may call: pure, no service needed. */
class OperationSecurityTest {

    private static final List<String> BEARER = List.of("bearer");
    private static final List<String> BEARER_OR_API_KEY = List.of("bearer", "apiKey");

    // not @Path-annotated: the application would then serve these test classes as endpoints
    @RolesAllowed(Role.ADMIN_)
    static class AdminsByDefault {
        @GET
        public String inherits() {
            return "";
        }

        @GET
        @RolesAllowed({Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
        public String ownRoles() {
            return "";
        }

        @GET
        @PermitAll
        public String open() {
            return "";
        }
    }

    @PermitAll
    static class OpenByDefault {
        @GET
        public String inherits() {
            return "";
        }

        @POST
        @RolesAllowed(Role.DESA_OFFICER_)
        public String ownRoles() {
            return "";
        }

        @GET
        @Authenticated
        public String anyCaller() {
            return "";
        }

        @POST
        @DenyAll
        public String nobody() {
            return "";
        }
    }

    static class Undecided {
        @GET
        public String nothing() {
            return "";
        }

        @POST
        @RolesAllowed(Role.VIEWER_)
        public String decided() {
            return "";
        }
    }

    @Test
    void anAccessTokenAlwaysAndTheApiKeyHeaderWhereAnOpdSystemMayCall() {
        for (Role role : Role.values()) {
            assertEquals(role == Role.OPD_SYSTEM ? BEARER_OR_API_KEY : BEARER, OperationSecurityFilter.schemesFor(List.of(role.name())),
                    role.name());
        }
        assertEquals(BEARER, OperationSecurityFilter.schemesFor(List.of(Role.ADMIN_, Role.VIEWER_, Role.DESA_OFFICER_)));
        assertEquals(BEARER_OR_API_KEY, OperationSecurityFilter.schemesFor(List.of(Role.ADMIN_, Role.OPD_SYSTEM_)));
        assertEquals(BEARER_OR_API_KEY, OperationSecurityFilter.schemesFor(List.of("**")), "any authenticated caller, OPD systems too");
        assertEquals(BEARER, OperationSecurityFilter.schemesFor(List.of()), "nobody: still a secured operation");
    }

    @Test
    void theMethodsAnnotationWinsOverItsClasss() throws IOException {
        assertEquals(Optional.of(BEARER), schemesOf(AdminsByDefault.class, "inherits"));
        assertEquals(Optional.of(BEARER_OR_API_KEY), schemesOf(AdminsByDefault.class, "ownRoles"));
        assertEquals(Optional.of(List.of()), schemesOf(AdminsByDefault.class, "open"));
        assertEquals(Optional.of(List.of()), schemesOf(OpenByDefault.class, "inherits"));
        assertEquals(Optional.of(BEARER), schemesOf(OpenByDefault.class, "ownRoles"));
        assertEquals(Optional.of(BEARER_OR_API_KEY), schemesOf(OpenByDefault.class, "anyCaller"));
        assertEquals(Optional.of(BEARER), schemesOf(OpenByDefault.class, "nobody"));
        assertEquals(Optional.empty(), schemesOf(Undecided.class, "nothing"));
    }

    @Test
    void everyOperationGetsTheSecurityItsRolesGive() throws IOException {
        OpenAPI openAPI = spec("/api/v1/things", "/api/v1/things/{id}", "/elsewhere");
        OperationSecurityFilter.declare(openAPI, Map.of(
                "GET /api/v1/things", method(AdminsByDefault.class, "ownRoles"),
                "POST /api/v1/things", method(OpenByDefault.class, "ownRoles"),
                "GET /api/v1/things/{id}", method(AdminsByDefault.class, "open"),
                "POST /api/v1/things/{id}", method(OpenByDefault.class, "anyCaller"),
                "GET /elsewhere", method(OpenByDefault.class, "inherits"),
                "POST /elsewhere", method(AdminsByDefault.class, "inherits")));
        assertEquals(List.of(List.of("bearer"), List.of("apiKey")), schemes(openAPI, "/api/v1/things", PathItem.HttpMethod.GET));
        assertEquals(List.of(List.of("bearer")), schemes(openAPI, "/api/v1/things", PathItem.HttpMethod.POST));
        assertEquals(List.of(), schemes(openAPI, "/api/v1/things/{id}", PathItem.HttpMethod.GET), "public: security: []");
        assertEquals(List.of(List.of("bearer"), List.of("apiKey")), schemes(openAPI, "/api/v1/things/{id}", PathItem.HttpMethod.POST));
        // outside /api/ too: an operation there is secured as its roles say, not left undeclared
        assertEquals(List.of(), schemes(openAPI, "/elsewhere", PathItem.HttpMethod.GET));
        assertEquals(List.of(List.of("bearer")), schemes(openAPI, "/elsewhere", PathItem.HttpMethod.POST));
    }

    @Test
    void anApiOperationThatNoAnnotationDecidesFailsTheBuild() throws IOException {
        OpenAPI openAPI = spec("/api/v1/things");
        Map<String, MethodInfo> methods = Map.of(
                "GET /api/v1/things", method(Undecided.class, "nothing"),
                "POST /api/v1/things", method(Undecided.class, "decided"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OperationSecurityFilter.declare(openAPI, methods));
        assertTrue(refused.getMessage().contains("GET /api/v1/things: Undecided.nothing has neither @RolesAllowed nor @PermitAll"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("POST"), refused.getMessage());
    }

    @Test
    void aSecurityDeclaredByHandFailsTheBuild() throws IOException {
        OpenAPI openAPI = spec("/api/v1/things");
        openAPI.getPaths().getPathItem("/api/v1/things").getGET().addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("apiKey"));
        Map<String, MethodInfo> methods = Map.of(
                "GET /api/v1/things", method(AdminsByDefault.class, "inherits"),
                "POST /api/v1/things", method(AdminsByDefault.class, "inherits"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OperationSecurityFilter.declare(openAPI, methods));
        assertTrue(refused.getMessage().contains("GET /api/v1/things: declares its security by hand"), refused.getMessage());
    }

    @Test
    void anApiOperationWithoutAResourceMethodFailsTheBuild() {
        OpenAPI openAPI = spec("/api/v1/things");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OperationSecurityFilter.declare(openAPI, Map.of()));
        assertTrue(refused.getMessage().contains("GET /api/v1/things: no resource method found"), refused.getMessage());
    }

    @Test
    void twoResourceMethodsOnOneVerbAndPathFailTheBuild() throws IOException {
        Map<String, MethodInfo> methods = new java.util.HashMap<>();
        ResourceMethods.add(methods, "GET /api/v1/things", method(AdminsByDefault.class, "inherits"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ResourceMethods.add(methods, "GET /api/v1/things", method(OpenByDefault.class, "inherits")));
        assertEquals("GET /api/v1/things is answered by two resource methods: AdminsByDefault.inherits and OpenByDefault.inherits",
                refused.getMessage());
        // the same method seen twice (an index made of several) is one method
        ResourceMethods.add(methods, "POST /api/v1/things", method(AdminsByDefault.class, "ownRoles"));
        ResourceMethods.add(methods, "POST /api/v1/things", method(AdminsByDefault.class, "ownRoles"));
        assertEquals("ownRoles", methods.get("POST /api/v1/things").name());
    }

    private static OpenAPI spec(String... paths) {
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths());
        for (String path : paths) {
            Operation get = OASFactory.createOperation().operationId("get" + path.hashCode());
            Operation post = OASFactory.createOperation().operationId("post" + path.hashCode());
            openAPI.getPaths().addPathItem(path, OASFactory.createPathItem().GET(get).POST(post));
        }
        return openAPI;
    }

    private static List<List<String>> schemes(OpenAPI openAPI, String path, PathItem.HttpMethod verb) {
        return openAPI.getPaths().getPathItem(path).getOperations().get(verb).getSecurity().stream()
                .map(requirement -> List.copyOf(requirement.getSchemes().keySet()))
                .toList();
    }

    private static Optional<List<String>> schemesOf(Class<?> type, String name) throws IOException {
        return OperationSecurityFilter.schemesOf(method(type, name));
    }

    private static MethodInfo method(Class<?> type, String name) throws IOException {
        return Index.of(type).getClassByName(type).firstMethod(name);
    }
}
