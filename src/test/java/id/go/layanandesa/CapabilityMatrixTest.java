package id.go.layanandesa;

import id.go.layanandesa.common.security.Capability;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What GET /api/v1/me says a role may do is what the role can call: each capability it lists stands for at least one
 * endpoint the role may call, and no endpoint of a capability it does not list answers it. Who may call what comes
 * from {@link AuthorizationMatrixTest#ENDPOINTS}, which that test holds to the service's real answers.
 */
@QuarkusTest
class CapabilityMatrixTest {

    /** The endpoints behind each capability, named as the matrix names its lines. */
    static final Map<Capability, List<String>> ENDPOINTS_OF = Map.ofEntries(
            Map.entry(Capability.FILE_REQUESTS, List.of("POST /api/v1/requests", "POST /api/v1/requests/batch",
                    "POST /api/v1/requests/{request}/cancel", "POST /api/v1/requests/{requestNeedsInfo}/supply-info",
                    "POST /api/v1/requests/{requestWithAttachedKk}/documents/KK/files",
                    "POST /api/v1/requests/{requestWithAttachedKk}/documents/KK/uploads")),
            Map.entry(Capability.VIEW_REQUESTS, List.of("GET /api/v1/requests", "GET /api/v1/requests/{request}",
                    "GET /api/v1/requests/{request}/files", "GET /api/v1/requests/{fileOfRequest}",
                    "GET /api/v1/requests/{request}/receipt", "GET /api/v1/requests/{request}/receipt/qr")),
            Map.entry(Capability.WORK_QUEUE, List.of("GET /api/v1/queue?opdId={opd}", "POST /api/v1/queue/requests/{request}/accept",
                    "POST /api/v1/queue/requests/{request}/forward", "POST /api/v1/queue/requests/{request}/request-info",
                    "POST /api/v1/queue/requests/{requestInProgress}/complete", "POST /api/v1/queue/requests/{requestInProgress}/reject",
                    "POST /api/v1/queue/requests/{request}/reassign",
                    "POST /api/v1/queue/requests/{requestInProgress}/result-document",
                    "POST /api/v1/queue/requests/{requestInProgress}/result-document/uploads", "POST /api/v1/queue/settlements")),
            Map.entry(Capability.CLAIM_QUEUE, List.of("POST /api/v1/queue/claims", "POST /api/v1/queue/requests/{claimedRequest}/release")),
            Map.entry(Capability.MANAGE_CATALOG, List.of("POST /api/v1/service-types", "PUT /api/v1/service-types/{freshServiceType}",
                    "DELETE /api/v1/service-types/{freshServiceType}")),
            Map.entry(Capability.MANAGE_ROUTING, List.of("POST /api/v1/opds", "PUT /api/v1/opds/{freshOpd}", "DELETE /api/v1/opds/{freshOpd}",
                    "POST /api/v1/routing-rules", "DELETE /api/v1/routing-rules/{rule}")),
            Map.entry(Capability.MANAGE_HOLIDAYS, List.of("POST /api/v1/holidays", "DELETE /api/v1/holidays/{holidayDate}")),
            Map.entry(Capability.MANAGE_CONFIGURATION, List.of("GET /api/v1/kabupaten/{kabupaten}/configuration",
                    "PUT /api/v1/kabupaten/{kabupaten}/configuration?dryRun=true")),
            Map.entry(Capability.MANAGE_INSTALLATION, List.of("GET /api/v1/kabupaten", "POST /api/v1/kabupaten", "GET /api/v1/kabupaten/{kabupaten}",
                    "GET /api/v1/kabupaten/{kabupaten}/admins", "POST /api/v1/kabupaten/{kabupaten}/admins",
                    "POST /api/v1/kabupaten/{kabupaten}/admins/{adminAccount}/disable",
                    "POST /api/v1/kabupaten/{kabupaten}/admins/{adminAccount}/enable", "POST /api/v1/regions/import")),
            Map.entry(Capability.MANAGE_ACCOUNTS, List.of("GET /api/v1/accounts", "POST /api/v1/accounts", "POST /api/v1/accounts/import",
                    "GET /api/v1/accounts/{account}",
                    "POST /api/v1/accounts/{account}/disable", "POST /api/v1/accounts/{account}/enable",
                    "POST /api/v1/accounts/{account}/unlock", "POST /api/v1/accounts/{account}/password", "GET /api/v1/api-keys",
                    "POST /api/v1/api-keys", "GET /api/v1/api-keys/{apiKey}", "POST /api/v1/api-keys/{apiKey}/revoke")),
            Map.entry(Capability.VIEW_STATISTICS, List.of("GET /api/v1/statistics/requests?from=2026-01-01&to=2026-12-31&groupBy=DESA",
                    "GET /api/v1/statistics/overdue", "GET /api/v1/statistics/ikm?groupBy=SERVICE",
                    "GET /api/v1/statistics/open-data?month=2026-03")),
            Map.entry(Capability.RECORD_SURVEYS, List.of("POST /api/v1/requests/{requestCompleted}/survey")),
            Map.entry(Capability.MANAGE_WEBHOOKS, List.of("GET /api/v1/webhook-subscriptions", "POST /api/v1/webhook-subscriptions",
                    "GET /api/v1/webhook-subscriptions/{subscription}", "PUT /api/v1/webhook-subscriptions/{subscription}",
                    "DELETE /api/v1/webhook-subscriptions/{subscription}", "POST /api/v1/webhook-subscriptions/{subscription}/rotate-secret",
                    "GET /api/v1/webhook-subscriptions/{subscription}/deliveries", "GET /api/v1/webhook-subscriptions/{deliveryPath}",
                    "POST /api/v1/webhook-subscriptions/{deliveryPath}/redeliver")),
            Map.entry(Capability.MANAGE_MESSAGES, List.of("PUT /api/v1/message-templates/{templateStatus}",
                    "DELETE /api/v1/message-templates/{templateStatus}")),

            Map.entry(Capability.VIEW_AUDIT_TRAIL, List.of("GET /api/v1/audit-entries", "GET /api/v1/audit-entries?format=CSV")),
            Map.entry(Capability.MANAGE_PERSONAL_DATA, List.of("GET /api/v1/retention-policy", "PUT /api/v1/retention-policy",
                    "GET /api/v1/retention-policy/dry-run", "POST /api/v1/personal-data/export")));

    /**
     * Secured endpoints no capability stands for: about the caller itself, reference data to read, and going on with an
     * upload the caller itself began (under the capability it began it with).
     */
    static final Set<String> WITHOUT_CAPABILITY = Set.of("GET /api/v1/me", "POST /api/v1/auth/logout", "POST /api/v1/me/password",
            "HEAD /api/v1/uploads/{upload}", "PATCH /api/v1/uploads/{upload}", "DELETE /api/v1/uploads/{upload}",
            "GET /api/v1/regions/{desa}", "GET /api/v1/regions/{kabupaten}/children", "GET /api/v1/regions/search?kabupaten={kabupaten}&q=har",
            "GET /api/v1/opds", "GET /api/v1/opds/{opd}", "GET /api/v1/service-types", "GET /api/v1/service-types/{serviceType}",
            "GET /api/v1/service-types/{serviceType}/versions/1", "GET /api/v1/routing-rules", "GET /api/v1/routing-rules/{rule}",
            "GET /api/v1/routing/explain?serviceTypeId={serviceType}&desa={desa}", "GET /api/v1/holidays",
            "GET /api/v1/message-templates", "GET /api/v1/message-templates/NEEDS_INFO");

    static Map<String, AuthorizationMatrixTest.Endpoint> matrix() {
        return AuthorizationMatrixTest.ENDPOINTS.stream().collect(Collectors.toMap(Object::toString, e -> e));
    }

    @Test
    void everySecuredEndpointEitherBelongsToOneCapabilityOrNeedsNone() {
        Map<String, AuthorizationMatrixTest.Endpoint> matrix = matrix();
        Set<String> classified = new HashSet<>(WITHOUT_CAPABILITY);
        for (var entry : ENDPOINTS_OF.entrySet()) {
            for (String endpoint : entry.getValue()) {
                assertTrue(matrix.containsKey(endpoint), entry.getKey() + " names " + endpoint + ", which is no line of the matrix");
                assertTrue(classified.add(endpoint), endpoint + " is named twice");
            }
        }
        assertTrue(matrix.keySet().containsAll(WITHOUT_CAPABILITY), "a line without capability that the matrix does not have");
        List<String> unclassified = new ArrayList<>();
        AuthorizationMatrixTest.ENDPOINTS.stream()
                .filter(e -> e.scope() != AuthorizationMatrixTest.Scope.PUBLIC)
                .filter(e -> !classified.contains(e.toString()))
                .forEach(e -> unclassified.add(e.toString()));
        assertEquals(List.of(), unclassified, "endpoints no capability stands for and not declared as needing none");
        assertEquals(EnumSet.allOf(Capability.class), EnumSet.copyOf(ENDPOINTS_OF.keySet()), "every capability is mapped");
    }

    static RequestSpecification as(Role role) {
        return switch (role) {
            case OPERATOR -> given().auth().oauth2(TestAccounts.operator());
            case ADMIN -> given().auth().oauth2(TestAccounts.admin(AuthFixtures.KABUPATEN));
            case VIEWER -> given().auth().oauth2(TestAccounts.viewer(AuthFixtures.KABUPATEN));
            case DESA_OFFICER -> given().auth().oauth2(TestAccounts.desaOfficer(AuthFixtures.DESA));
            case OPD_OFFICER -> given().auth().oauth2(TestAccounts.opdOfficer(AuthFixtures.homeOpd()));
            case OPD_SYSTEM -> given().header("X-API-Key", AuthFixtures.apiKey(AuthFixtures.homeOpd()));
        };
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void whatMeListsIsWhatTheRoleCanCall(Role role) {
        AuthFixtures.ensureRegions();
        List<String> listed = as(role).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getList("capabilities", String.class);
        Map<String, AuthorizationMatrixTest.Endpoint> matrix = matrix();
        for (Capability capability : Capability.values()) {
            List<String> callable = ENDPOINTS_OF.get(capability).stream()
                    .filter(endpoint -> matrix.get(endpoint).roles().contains(role))
                    .toList();
            if (listed.contains(capability.name())) {
                assertFalse(callable.isEmpty(), role + " lists " + capability + " but may call none of " + ENDPOINTS_OF.get(capability));
            } else {
                assertEquals(List.of(), callable, role + " does not list " + capability + " but may call these");
            }
        }
    }
}
