package id.go.layanandesa.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class AuthOpenApiTest {

    static JsonPath spec;

    static final Map<String, List<String>> OPERATIONS = Map.ofEntries(
            Map.entry("post /api/v1/auth/login", List.of("login", "Auth")),
            Map.entry("get /api/v1/me", List.of("me", "Auth")),
            Map.entry("post /api/v1/auth/logout", List.of("logout", "Auth")),
            Map.entry("post /api/v1/accounts", List.of("createAccount", "Accounts")),
            Map.entry("get /api/v1/accounts", List.of("listAccounts", "Accounts")),
            Map.entry("get /api/v1/accounts/{id}", List.of("getAccount", "Accounts")),
            Map.entry("post /api/v1/accounts/{id}/disable", List.of("disableAccount", "Accounts")),
            Map.entry("post /api/v1/accounts/{id}/enable", List.of("enableAccount", "Accounts")),
            Map.entry("post /api/v1/accounts/{id}/unlock", List.of("unlockAccount", "Accounts")),
            Map.entry("post /api/v1/accounts/{id}/password", List.of("resetAccountPassword", "Accounts")),
            Map.entry("post /api/v1/api-keys", List.of("createApiKey", "Accounts")),
            Map.entry("get /api/v1/api-keys", List.of("listApiKeys", "Accounts")),
            Map.entry("get /api/v1/api-keys/{id}", List.of("getApiKey", "Accounts")),
            Map.entry("post /api/v1/api-keys/{id}/revoke", List.of("revokeApiKey", "Accounts")));

    @BeforeEach
    void read() {
        if (spec == null) {
            spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        }
    }

    static Map<String, Object> operation(String key) {
        String[] parts = key.split(" ", 2);
        Map<String, Object> path = spec.getMap("paths.'" + parts[1] + "'");
        assertNotNull(path, "no path " + parts[1]);
        @SuppressWarnings("unchecked")
        Map<String, Object> op = (Map<String, Object>) path.get(parts[0]);
        assertNotNull(op, "no operation " + key);
        return op;
    }

    @Test
    void bothSecuritySchemesAreDeclared() {
        assertEquals("http", spec.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", spec.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("apiKey", spec.getString("components.securitySchemes.apiKey.type"));
        assertEquals("X-API-Key", spec.getString("components.securitySchemes.apiKey.name"));
        assertEquals("header", spec.getString("components.securitySchemes.apiKey.in"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasItsIdSummaryTagSecurityAndProblemResponses() {
        OPERATIONS.forEach((key, expected) -> {
            Map<String, Object> op = operation(key);
            assertEquals(expected.get(0), op.get("operationId"), key);
            assertFalse(((String) op.get("summary")).isBlank(), key);
            assertEquals(List.of(expected.get(1)), op.get("tags"), key);
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            List<Map<String, Object>> security = (List<Map<String, Object>>) op.get("security");
            if (key.equals("post /api/v1/auth/login")) {
                assertEquals(List.of(), security, "login needs no credentials");
                assertTrue(responses.keySet().containsAll(List.of("200", "400", "401", "429", "500", "503")), key + responses.keySet());
                assertFalse(responses.containsKey("403"), key);
            } else {
                assertTrue(security.stream().anyMatch(s -> s.containsKey("bearer")), key + " " + security);
                assertTrue(responses.keySet().containsAll(List.of("401", "403", "500")), key + responses.keySet());
            }
            responses.forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
                assertNotNull(((Map<String, Object>) response).get("description"), key + " " + status);
                if (status.startsWith("2") && !status.equals("204")) {
                    assertNotNull(content, key + " " + status + " describes its body");
                    assertNotNull(((Map<String, Object>) content.get("application/json")).get("schema"), key + " " + status);
                }
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertNotNull(content.get("application/problem+json"), key + " " + status + " is a problem");
                }
            });
        });
        List<Map<String, Object>> meSecurity = (List<Map<String, Object>>) operation("get /api/v1/me").get("security");
        assertTrue(meSecurity.stream().anyMatch(s -> s.containsKey("apiKey")), "OPD systems may ask who they are");
        Map<String, Object> createKey = (Map<String, Object>) ((Map<String, Object>) operation("post /api/v1/api-keys").get("responses")).get("201");
        assertNotNull(createKey.get("content"), "the new key's body is described");
    }

    @Test
    @SuppressWarnings("unchecked")
    void logoutAndTheLoginLimitsAreDescribed() {
        Map<String, Object> logout = operation("post /api/v1/auth/logout");
        Map<String, Object> responses = (Map<String, Object>) logout.get("responses");
        assertTrue(responses.keySet().containsAll(List.of("204", "401", "403", "409")), responses.keySet().toString());
        assertNull(((Map<String, Object>) responses.get("204")).get("content"), "204 has no body");
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) logout.get("parameters");
        assertTrue(parameters == null || parameters.stream().noneMatch(p -> "Idempotency-Key".equals(p.get("name"))),
                "logging out takes no Idempotency-Key");
        Map<String, Object> login = (Map<String, Object>) operation("post /api/v1/auth/login").get("responses");
        for (String status : List.of("429", "503")) {
            Map<String, Object> response = (Map<String, Object>) login.get(status);
            assertNotNull(((Map<String, Object>) response.get("headers")).get("Retry-After"), status + " says when to retry");
        }
        assertTrue(spec.getString("paths.'/api/v1/auth/login'.post.responses.'503'.content.'application/problem+json'.examples")
                .contains("LOGIN_BUSY"));
    }

    @Test
    void noSchemaOffersAPasswordHash() {
        String schemas = spec.getMap("components.schemas").toString();
        assertFalse(schemas.contains("passwordHash"), schemas);
        assertFalse(spec.getMap("components.schemas.Account.properties").containsKey("password"));
    }
}
