package id.go.layanandesa.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class FoundationTest {

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void unknownPathIsAProblem() {
        given().header("X-Request-Id", "abc-123").when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", "abc-123")
                .body("status", is(404))
                .body("code", is("NOT_FOUND"))
                .body("instance", is("/api/v1/nothing-here"))
                .body("requestId", is("abc-123"))
                .body("type", startsWith("urn:layanan-desa:problem:"));
    }
}
