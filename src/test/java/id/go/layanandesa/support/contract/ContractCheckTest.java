package id.go.layanandesa.support.contract;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The contract check can fail: each way an answer or a request can break the served spec is caught. */
@QuarkusTest
class ContractCheckTest {

    static final String REGION = """
            {"code":"73.24.04.2001","name":"Harapan","level":"DESA","kind":"DESA","parentCode":"73.24.04","kabupatenCode":"73.24",
             "zone":{"name":"WITA","ianaId":"Asia/Makassar"},"ancestors":[]}""";
    static final Map<String, List<String>> HEADERS = Map.of("X-Request-Id", List.of("5f2c9a1e7b3d4c10"),
            "Content-Type", List.of("application/json"));

    static List<String> answer(String method, String path, int status, Map<String, List<String>> headers, String type, String body) {
        return ContractFilter.contract().checkResponse(new ApiContract.Exchange(method, path, Map.of(), Map.of(), null, null,
                status, headers, type, body));
    }

    static List<String> request(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                                String type, String body) {
        return ContractFilter.contract().checkRequest(new ApiContract.Exchange(method, path, query, headers, type, body,
                200, Map.of(), null, null));
    }

    @Test
    void aConformingAnswerPasses() {
        assertEquals(List.of(), answer("GET", "/api/v1/regions/73.24.04.2001", 200, HEADERS, "application/json", REGION));
    }

    @Test
    void aFieldSentButNotDeclaredFails() {
        String body = REGION.replace("\"name\":\"Harapan\"", "\"name\":\"Harapan\",\"population\":1200");
        assertTrue(answer("GET", "/api/v1/regions/73.24.04.2001", 200, HEADERS, "application/json", body).toString()
                .contains("population"));
    }

    @Test
    void aRequiredFieldLeftOutOrSentAsNullFails() {
        assertTrue(answer("GET", "/api/v1/regions/73.24.04.2001", 200, HEADERS, "application/json",
                REGION.replace("\"name\":\"Harapan\",", "")).toString().contains("name"));
        assertFalse(answer("GET", "/api/v1/regions/73.24.04.2001", 200, HEADERS, "application/json",
                REGION.replace("\"kind\":\"DESA\"", "\"kind\":null")).isEmpty(), "null is never sent");
    }

    @Test
    void aProblemCodeTheOperationDoesNotDeclareFails() {
        Map<String, List<String>> headers = Map.of("X-Request-Id", List.of("5f2c9a1e7b3d4c10"));
        String problem = """
                {"type":"urn:layanan-desa:problem:%s","title":"Conflict","status":%d,"detail":"x","code":"%s"}""";
        assertEquals(List.of(), answer("GET", "/api/v1/regions/99", 404, headers, "application/problem+json",
                problem.formatted("not-found", 404, "NOT_FOUND")));
        assertTrue(answer("GET", "/api/v1/regions/99", 409, headers, "application/problem+json",
                problem.formatted("duplicate-code", 409, "DUPLICATE_CODE")).toString().contains("409 is not declared"));
        assertTrue(answer("POST", "/api/v1/holidays", 409, headers, "application/problem+json",
                problem.formatted("duplicate-code", 409, "DUPLICATE_CODE")).toString().contains("DUPLICATE_CODE is not one"));
    }

    @Test
    void headersAreCheckedBothWays() {
        assertTrue(answer("GET", "/api/v1/regions/73.24.04.2001", 200, Map.of("Content-Type", List.of("application/json")),
                "application/json", REGION).toString().contains("required header X-Request-Id"));
        Map<String, List<String>> extra = new java.util.HashMap<>(HEADERS);
        extra.put("X-Powered-By", List.of("magic"));
        assertTrue(answer("GET", "/api/v1/regions/73.24.04.2001", 200, extra, "application/json", REGION).toString()
                .contains("X-Powered-By is sent but not declared"));
    }

    @Test
    void requestsAreCheckedAgainstParametersAndBodies() {
        assertEquals(List.of(), request("GET", "/api/v1/accounts", Map.of("limit", List.of("100")), Map.of(), null, null));
        assertFalse(request("GET", "/api/v1/accounts", Map.of("limit", List.of("101")), Map.of(), null, null).isEmpty());
        assertTrue(request("GET", "/api/v1/accounts", Map.of("after", List.of("5")), Map.of(), null, null).toString()
                .contains("after is not declared"));
        assertTrue(request("POST", "/api/v1/accounts/5/disable", Map.of(), Map.of(), null, null).toString()
                .contains("If-Match is missing"));
        assertTrue(request("POST", "/api/v1/holidays", Map.of(), Map.of(), "application/json", "{\"name\":\"Libur\"}").toString()
                .contains("date"));
        assertTrue(request("PATCH", "/api/v1/holidays", Map.of(), Map.of(), null, null).toString().contains("no operation"));
    }
}
