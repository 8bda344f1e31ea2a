package id.go.layanandesa.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The spec is a product: every operation of the API has an id, a summary, one known tag, its security,
 * a success response and every error response as a problem document with an example.
 */
@QuarkusTest
class OpenApiSpecTest {

    static final Set<String> TAGS = Set.of("Auth", "Accounts", "Kabupaten", "Regions", "OPDs", "Catalog", "Routing", "Holidays",
            "Requests", "Queue", "Documents", "Tracking", "Survey", "Statistics", "Webhooks", "Audit", "Personal data");
    static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/login", "GET /api/v1/tracking/{code}",
            "GET /api/v1/tracking/{code}/survey", "POST /api/v1/tracking/{code}/survey", "GET /api/v1/verification/{code}");
    /** Creating a resumable upload answers 201 with its Location only, as the tus protocol has it. */
    static final Set<String> CREATED_WITHOUT_BODY = Set.of("POST /api/v1/requests/{id}/documents/{code}/uploads",
            "POST /api/v1/queue/requests/{id}/result-document/uploads");

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsComplete() {
        JsonPath spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new java.util.HashSet<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (var op : path.getValue().entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                String id = (String) operation.get("operationId");
                if (id == null || !operationIds.add(id)) {
                    problems.add(where + ": missing or repeated operationId " + id);
                }
                if (operation.get("summary") == null) {
                    problems.add(where + ": no summary");
                }
                List<String> tags = (List<String>) operation.get("tags");
                if (tags == null || tags.size() != 1 || !TAGS.contains(tags.get(0))) {
                    problems.add(where + ": tags " + tags);
                }
                List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                if (PUBLIC.contains(where)) {
                    if (security == null || !(security.isEmpty() || security.stream().allMatch(Map::isEmpty))) {
                        problems.add(where + ": public but declares security " + security);
                    }
                } else if (security == null || security.stream().noneMatch(s -> s.containsKey("bearer"))) {
                    problems.add(where + ": not secured by bearer");
                }
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(s -> s.startsWith("2"))) {
                    problems.add(where + ": no success response");
                }
                List<String> required = PUBLIC.contains(where) ? List.of("500", "503") : List.of("401", "403", "500", "503");
                for (String status : required) {
                    if (!responses.containsKey(status)) {
                        problems.add(where + ": no " + status);
                    }
                }
                Map<String, Object> unavailable = responses.get("503");
                if (unavailable != null && (unavailable.get("headers") == null
                        || !((Map<String, Object>) unavailable.get("headers")).containsKey("Retry-After"))) {
                    problems.add(where + ": 503 does not declare Retry-After");
                }
                for (var response : responses.entrySet()) {
                    String status = response.getKey();
                    if (status.startsWith("4") || status.startsWith("5")) {
                        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.getValue().get("content");
                        Map<String, Object> problem = content == null ? null : content.get("application/problem+json");
                        if (problem == null) {
                            problems.add(where + ": " + status + " is not a problem document");
                            continue;
                        }
                        Map<String, Object> schema = (Map<String, Object>) problem.get("schema");
                        if (schema == null || !"#/components/schemas/Problem".equals(schema.get("$ref"))) {
                            problems.add(where + ": " + status + " does not reference the Problem schema");
                        }
                        if (problem.get("example") == null && problem.get("examples") == null) {
                            problems.add(where + ": " + status + " has no example");
                        }
                    } else if (status.startsWith("2") && !status.equals("204") && !CREATED_WITHOUT_BODY.contains(where)) {
                        if (response.getValue().get("content") == null) {
                            problems.add(where + ": " + status + " has no body schema");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(operations >= 40, "operations found: " + operations);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWireRulesAreWrittenIntoTheSpec() {
        JsonPath spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        // the closed list of problem codes
        assertEquals(java.util.Arrays.stream(id.go.layanandesa.common.error.ProblemCode.values()).map(Enum::name).toList(),
                spec.getList("components.schemas.Problem.properties.code.enum"));
        // the login's 401 shows the code the service sends there
        assertEquals(Set.of("INVALID_CREDENTIALS"),
                spec.getMap("paths.'/api/v1/auth/login'.post.responses.'401'.content.'application/problem+json'.examples").keySet());
        // limits are schema bounds, from the configuration
        assertEquals(10, spec.getInt("components.schemas.ClaimBody.properties.leaseSeconds.minimum"));
        assertEquals(3600, spec.getInt("components.schemas.ClaimBody.properties.leaseSeconds.maximum"));
        assertEquals(30, spec.getInt("components.schemas.ClaimBody.properties.waitSeconds.maximum"));
        // what is always sent is required; what may be absent is not, and nothing is null
        assertTrue(spec.getList("components.schemas.RequestDetail.required").containsAll(List.of("id", "status", "citizen", "history")));
        assertFalse(spec.getList("components.schemas.RequestDetail.required").contains("finishedAt"));
        assertFalse(spec.getString("components.schemas.RequestDetail").contains("null"));
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            String where = method.toUpperCase() + " " + path;
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
            responses.forEach((status, response) -> {
                Map<String, Object> headers = (Map<String, Object>) response.get("headers");
                if (headers == null || !headers.containsKey("X-Request-Id")) {
                    problems.add(where + " " + status + ": no X-Request-Id");
                }
                if (status.equals("401") && !headers.containsKey("WWW-Authenticate")) {
                    problems.add(where + " 401: no WWW-Authenticate");
                }
                if (status.equals("429") && !headers.containsKey("Retry-After")) {
                    problems.add(where + " 429: no Retry-After");
                }
            });
            if (!responses.containsKey("406")) {
                problems.add(where + ": no 406");
            }
            if (operation.containsKey("requestBody") && !responses.containsKey("415")) {
                problems.add(where + ": takes a body but declares no 415");
            }
            // one paging shape
            boolean paged = parameters.stream().anyMatch(p -> "limit".equals(p.get("name")));
            if (paged) {
                Map<String, Object> limit = (Map<String, Object>) parameters.stream().filter(p -> "limit".equals(p.get("name")))
                        .findFirst().orElseThrow().get("schema");
                if (!Integer.valueOf(1).equals(limit.get("minimum")) || !Integer.valueOf(100).equals(limit.get("maximum"))
                        || !Integer.valueOf(20).equals(limit.get("default"))) {
                    problems.add(where + ": limit is not 1 to 100, default 20: " + limit);
                }
                if (parameters.stream().noneMatch(p -> "cursor".equals(p.get("name")))
                        || parameters.stream().anyMatch(p -> "after".equals(p.get("name")))) {
                    problems.add(where + ": pages without cursor");
                }
            }
            // If-Match is required where its absence is refused, unless a claimId can stand in for it
            boolean ifMatchRequired = parameters.stream().anyMatch(p -> "If-Match".equals(p.get("name")) && Boolean.TRUE.equals(p.get("required")));
            boolean claimInstead = List.of("/api/v1/queue/requests/{id}/accept", "/api/v1/queue/requests/{id}/forward",
                    "/api/v1/queue/requests/{id}/request-info").contains(path);
            if (responses.containsKey("428") && !ifMatchRequired && !claimInstead) {
                problems.add(where + ": answers 428 but If-Match is optional");
            }
        }));
        assertEquals(List.of(), problems);
        for (String page : List.of("CursorPageAccountView", "CursorPageApiKeyView", "CursorPageRegionView", "RequestPage")) {
            assertEquals(List.of("items"), spec.getList("components.schemas." + page + ".required"), page);
            assertNotNull(spec.get("components.schemas." + page + ".properties.next"), page);
        }
    }

    @Test
    void bothSecuritySchemesAndTheProblemSchemaAreDeclared() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", is("Layanan Desa API"))
                .body("info.contact.email", notNullValue())
                .body("servers[0].url", notNullValue())
                .body("tags.name", hasItems(TAGS.toArray()))
                .body("components.securitySchemes.bearer.scheme", is("bearer"))
                .body("components.securitySchemes.apiKey.name", is("X-API-Key"))
                .body("components.schemas.Problem.properties.keySet()", hasItems("type", "title", "status", "detail", "instance",
                        "code", "violations"))
                .body("components.schemas.FilingRequest.properties.serviceTypeId", notNullValue())
                // what an OPD system may call says that its API key works there
                .body("paths.'/api/v1/opds'.get.security.collect { it.keySet() }.flatten()", hasItems("bearer", "apiKey"))
                .body("paths.'/api/v1/requests/{id}'.get.security.collect { it.keySet() }.flatten()", hasItems("bearer", "apiKey"))
                .body("paths.'/api/v1/queue/claims'.post.security.collect { it.keySet() }.flatten()", hasItems("bearer", "apiKey"))
                .body("paths.'/api/v1/requests'.post.security.collect { it.keySet() }.flatten()", not(hasItem("apiKey")))
                // admins only: an API key, always an OPD system's, is refused
                .body("paths.'/api/v1/queue/requests/{id}/reassign'.post.security.collect { it.keySet() }.flatten()", not(hasItem("apiKey")));
    }

    @Test
    void theSpecIsServedAsYamlAndTheUiIsPackaged() {
        given().get("/q/openapi").then().statusCode(200).contentType(containsString("yaml")).body(containsString("openapi: 3."));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
