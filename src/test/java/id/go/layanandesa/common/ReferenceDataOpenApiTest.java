package id.go.layanandesa.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/** The spec of the reference-data operations is complete: ids, tags, security, responses with problem bodies. */
@QuarkusTest
class ReferenceDataOpenApiTest {

    private static final Set<String> TAGS = Set.of("Regions", "OPDs", "Catalog", "Routing", "Holidays");
    private static final List<String> PREFIXES = List.of("/api/v1/regions", "/api/v1/opds", "/api/v1/service-types",
            "/api/v1/routing-rules", "/api/v1/routing/", "/api/v1/holidays");

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAnIdATagSecurityAndItsResponses() {
        JsonPath spec = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (PREFIXES.stream().noneMatch(path.getKey()::startsWith)) {
                continue;
            }
            for (var op : path.getValue().entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                if (operation.get("operationId") == null) {
                    problems.add(where + ": no operationId");
                }
                if (operation.get("summary") == null) {
                    problems.add(where + ": no summary");
                }
                List<String> tags = (List<String>) operation.get("tags");
                if (tags == null || tags.size() != 1 || !TAGS.contains(tags.get(0))) {
                    problems.add(where + ": tags " + tags);
                }
                List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                if (security == null || security.stream().noneMatch(s -> s.containsKey("bearer"))) {
                    problems.add(where + ": not secured by bearer");
                }
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                for (String status : List.of("401", "403", "500")) {
                    if (!responses.containsKey(status)) {
                        problems.add(where + ": no " + status);
                    }
                }
                if (responses.keySet().stream().noneMatch(s -> s.startsWith("2"))) {
                    problems.add(where + ": no success response");
                }
                for (var response : responses.entrySet()) {
                    if (response.getKey().startsWith("4")) {
                        Map<String, Object> content = (Map<String, Object>) response.getValue().get("content");
                        if (content == null || !content.containsKey("application/problem+json")) {
                            problems.add(where + ": " + response.getKey() + " is not a problem");
                        }
                    }
                }
                if (where.startsWith("PUT") || where.startsWith("DELETE /api/v1/opds") || where.startsWith("DELETE /api/v1/service-types")) {
                    if (!responses.containsKey("412") || !responses.containsKey("428")) {
                        problems.add(where + ": no 412/428");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(23, operations, "operations of the reference-data features");
        assertNotNull(spec.get("components.schemas.Opd.properties.code.examples[0]"));
        assertNotNull(spec.get("components.schemas.Region.properties.code.examples[0]"));
    }
}
