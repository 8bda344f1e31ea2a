package id.go.layanandesa.account;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class ApiKeyTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static long opd;

    @BeforeAll
    static void setUp() {
        opd = homeOpd();
    }

    static ExtractableResponse<Response> create(String adminToken, long opdId, String name) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("opdId", opdId, "name", name))
                .when().post("/api/v1/api-keys").then().extract();
    }

    @Test
    void aNewKeyIsShownOnceKeptAsAHashAndAuthenticatesItsOpdSystem() {
        var created = create(TestAccounts.admin(KABUPATEN), opd, "SIAK");
        assertEquals(201, created.statusCode());
        String key = created.path("key");
        int id = created.path("id");
        assertTrue(key.matches("ldk_[A-Za-z0-9_-]{43}"), key);
        assertEquals("/api/v1/api-keys/" + id, java.net.URI.create(created.header("Location")).getPath());
        assertEquals("no-store", created.header("Cache-Control"));
        assertEquals(key.substring(0, 12), created.path("prefix"));

        assertEquals(ApiKeySecrets.hash(key), scalar("select key_hash from api_key where id = ?1", (long) id));
        assertEquals(0L, ((Number) scalar("""
                select count(*) from api_key where key_hash = ?1 or prefix = ?1 or name = ?1""", key)).longValue(),
                "the secret itself is stored nowhere");

        given().auth().oauth2(TestAccounts.admin(KABUPATEN)).when().get("/api/v1/api-keys/" + id).then()
                .statusCode(200)
                .body("prefix", is(key.substring(0, 12)))
                .body("opdId", is((int) opd))
                .body("$", not(hasKey("key")))
                .body(not(containsString(key)));
        given().auth().oauth2(TestAccounts.admin(KABUPATEN)).when().get("/api/v1/api-keys?limit=100&opdId=" + opd).then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body(not(containsString(key)));

        for (var request : new io.restassured.specification.RequestSpecification[]{
                given().header("X-API-Key", key), given().header("Authorization", "Bearer " + key)}) {
            request.when().get("/api/v1/me").then()
                    .statusCode(200)
                    .body("kind", is("SYSTEM"))
                    .body("role", is("OPD_SYSTEM"))
                    .body("name", is("SIAK"))
                    .body("apiKeyId", is(id))
                    .body("accountId", nullValue())
                    .body("kabupatenCode", is(KABUPATEN))
                    .body("opdId", is((int) opd))
                    .body("opdName", is("Test TEST_AUTH_A"))
                    .body("capabilities", hasItems("CLAIM_QUEUE", "WORK_QUEUE"));
        }
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        clock.pin(Instant.now());
        String key = create(TestAccounts.admin(KABUPATEN), opd, "dashboard").path("key");
        long id = ((Number) scalar("select id from api_key where key_hash = ?1", ApiKeySecrets.hash(key))).longValue();
        assertNull(scalar("select last_used_at from api_key where id = ?1", id));

        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200);
        Object first = scalar("select last_used_at from api_key where id = ?1", id);
        assertNotNull(first);
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200);
        assertEquals(first, scalar("select last_used_at from api_key where id = ?1", id), "a second call within the minute writes nothing");

        clock.advance(Duration.ofSeconds(61));
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200);
        assertNotEquals(first, scalar("select last_used_at from api_key where id = ?1", id), "a call a minute later records the use");
        Object old = scalar("select last_used_at from api_key where id = ?1", id);
        clock.advance(Duration.ofSeconds(30));
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200);
        assertEquals(old, scalar("select last_used_at from api_key where id = ?1", id), "and not again within that minute");
    }

    @Test
    void aRevokedOrUnknownKeyIsRefusedWithAProblem() {
        String admin = TestAccounts.admin(KABUPATEN);
        var created = create(admin, opd, "old SIAK bridge");
        String key = created.path("key");
        int id = created.path("id");
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200);

        String revokedAt = given().auth().oauth2(admin).post("/api/v1/api-keys/" + id + "/revoke").then()
                .statusCode(200).body("revokedAt", notNullValue()).extract().path("revokedAt");
        given().auth().oauth2(admin).post("/api/v1/api-keys/" + id + "/revoke").then()
                .statusCode(200).body("revokedAt", is(revokedAt));

        for (String sent : new String[]{key, ApiKeySecrets.generate(), "not-even-a-key"}) {
            given().header("X-API-Key", sent).get("/api/v1/me").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("code", is("UNAUTHENTICATED"));
        }
        given().header("Authorization", "Bearer " + key).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    @OffContractRequests("an opdId that is not a number")
    void keysAreKeptByTheAdminsOfTheirOwnKabupatenOnly() {
        var created = create(TestAccounts.admin(KABUPATEN), opd, "SIAK");
        int id = created.path("id");
        String otherAdmin = TestAccounts.admin(OTHER_KABUPATEN);
        given().auth().oauth2(otherAdmin).get("/api/v1/api-keys/" + id).then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(otherAdmin).post("/api/v1/api-keys/" + id + "/revoke").then().statusCode(404);
        given().auth().oauth2(otherAdmin).get("/api/v1/api-keys?limit=100").then().statusCode(200).body("items.id", not(hasItem(id)));
        assertNull(scalar("select revoked_at from api_key where id = ?1", (long) id));

        var refused = create(otherAdmin, opd, "foreign");
        assertEquals(400, refused.statusCode());
        assertEquals("opdId", refused.path("violations[0].field"));

        given().auth().oauth2(TestAccounts.viewer(KABUPATEN)).get("/api/v1/api-keys").then().statusCode(403)
                .contentType("application/problem+json").body("code", is("FORBIDDEN"));
        given().auth().oauth2(TestAccounts.admin(KABUPATEN)).get("/api/v1/api-keys?opdId=dinsos").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", is("opdId"));
        var blank = create(TestAccounts.admin(KABUPATEN), opd, " ");
        assertEquals(400, blank.statusCode());
        assertEquals("name", blank.path("violations[0].field"));
    }
}
