package id.go.layanandesa.common;

import id.go.layanandesa.support.Management;
import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, request ids and the error format of every class of bad request. */
@QuarkusTest
class FoundationTest {

    static ValidatableResponse isProblem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("status", is(status))
                .body("code", is(code))
                .body("type", is("urn:layanan-desa:problem:" + code.toLowerCase().replace('_', '-')))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("instance", startsWith("/"))
                .body("requestId", not(emptyOrNullString()))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")))
                .body(not(containsString("at id.go")));
    }

    @Test
    void readinessChecksTheDatabaseAndLivenessAnswers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsArePrometheusWithHttpTimingsOnTheManagementInterface() {
        given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ");
        String metrics = Management.metrics();
        assertTrue(metrics.contains("http_server_requests_seconds_count"), metrics);
        assertTrue(metrics.contains("agroal_active_count"), metrics);
    }

    @Test
    void requestIdIsEchoedOrMade() {
        given().header("X-Request-Id", "abc-123").get("/q/health/live").then().header("X-Request-Id", "abc-123");
        given().get("/q/health/live").then().header("X-Request-Id", matchesPattern("[0-9a-f]{16}"));
        given().header("X-Request-Id", "bad id with spaces <script>").get("/q/health/live").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f]{16}"));
    }

    @Test
    @OffContractRequests("a path the API does not have")
    void unknownPath() {
        isProblem(given().header("X-Request-Id", "abc-123").get("/api/v1/nothing-here").then(), 404, "NOT_FOUND")
                .header("X-Request-Id", "abc-123")
                .body("instance", is("/api/v1/nothing-here"))
                .body("requestId", is("abc-123"));
    }

    @Test
    @OffContractRequests("a method the path does not take")
    void wrongMethod() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).delete("/api/v1/requests").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    @OffContractRequests("a body of a type the operation does not take")
    void unsupportedMediaType() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).contentType("text/plain").body("hello")
                .post("/api/v1/requests").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    @OffContractRequests("a body that is not JSON")
    void malformedJson() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).contentType("application/json")
                .body("{\"serviceTypeId\": 1, \"citizen\": {").post("/api/v1/requests").then(), 400, "MALFORMED_JSON");
    }

    @Test
    @OffContractRequests("a field of the wrong JSON type")
    void wrongJsonTypeNamesTheField() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).contentType("application/json")
                .body("{\"serviceTypeId\": \"satu\", \"citizen\": {}}").post("/api/v1/requests").then(), 400, "VALIDATION_FAILED")
                .body("violations[0].field", is("serviceTypeId"))
                .body("violations[0].message", containsString("number"));
    }

    @Test
    @OffContractRequests("a body with invalid fields")
    void beanValidationListsEveryField() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).contentType("application/json")
                .body(Map.of("citizen", Map.of())).post("/api/v1/requests").then(), 400, "VALIDATION_FAILED")
                .body("violations.field", hasItems("serviceTypeId", "citizen.nik", "citizen.name"));
    }

    @Test
    @OffContractRequests("no body where one is required")
    void missingBody() {
        isProblem(given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).contentType("application/json")
                .post("/api/v1/requests").then(), 400, "VALIDATION_FAILED");
    }

    @Test
    void unauthenticatedAndForbidden() {
        isProblem(given().get("/api/v1/requests").then(), 401, "UNAUTHENTICATED").header("WWW-Authenticate", startsWith("Bearer"));
        isProblem(given().auth().oauth2("not.a.jwt").get("/api/v1/requests").then(), 401, "UNAUTHENTICATED");
        isProblem(given().auth().oauth2(TestAccounts.viewer("73.24")).get("/api/v1/requests").then(), 403, "FORBIDDEN");
    }

    @Test
    void unexpectedFailureHidesItsCauseAndCarriesTheRequestId() {
        isProblem(given().header("X-Request-Id", "fault-1").get("/test-fault").then(), 500, "INTERNAL_ERROR")
                .body("requestId", is("fault-1"))
                .body("detail", containsString("fault-1"))
                .body(not(containsString("select")))
                .body(not(containsString("PSQL")));
    }
}
