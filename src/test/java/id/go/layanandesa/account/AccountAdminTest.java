package id.go.layanandesa.account;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class AccountAdminTest {

    static final String PASSWORD = "Pelayanan2026desa";
    static String admin;

    @jakarta.inject.Inject
    id.go.layanandesa.support.TestClock clock;
    static long opd;

    @BeforeAll
    static void setUp() {
        opd = homeOpd();
        admin = TestAccounts.admin(KABUPATEN);
    }

    static Map<String, Object> body(String username, Role role, String desaCode, Long opdId, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "Operator " + username);
        body.put("role", role.name());
        body.put("desaCode", desaCode);
        body.put("opdId", opdId);
        body.put("password", password);
        return body;
    }

    static ExtractableResponse<Response> create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/accounts").then().extract();
    }

    /** The username as the service stores it: with the home kabupaten's prefix. */
    static String stored(String username) {
        return Usernames.prefix(KABUPATEN) + username.toLowerCase();
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void anAdminCreatesADesaOfficerWhoCanThenLogIn() {
        String username = uniqueUsername("desa.harapan");
        var created = create(admin, body(username.toUpperCase(), Role.DESA_OFFICER, DESA, null, PASSWORD));
        assertEquals(201, created.statusCode(), created.asString());
        int id = created.path("id");
        assertEquals("/api/v1/accounts/" + id, java.net.URI.create(created.header("Location")).getPath());
        assertEquals("\"0\"", created.header("ETag"));
        assertEquals(stored(username), created.path("username"), "usernames are kept in lower case, with the kabupaten's prefix");
        assertEquals(true, created.path("passwordChangeRequired"), "the admin chose the password: its owner must replace it");
        assertEquals(KABUPATEN, created.path("kabupatenCode"));
        assertEquals(DESA, created.path("desaCode"));
        assertFalse(created.asString().contains("$2a$"), "no hash on the wire");
        assertFalse(created.asString().contains(PASSWORD), "no password on the wire");
        assertTrue(((String) scalar("select password_hash from account where id = ?1", (long) id)).startsWith("$2a$10$"));

        login(stored(username), PASSWORD).then().statusCode(200).body("account.id", is(id));
        given().auth().oauth2(admin).get("/api/v1/accounts/" + id).then().statusCode(200)
                .header("ETag", "\"0\"").body("role", is("DESA_OFFICER")).body("$", not(hasKey("passwordHash")));

        create(admin, body(username.toUpperCase(), Role.VIEWER, null, null, PASSWORD)).response().then()
                .statusCode(409).contentType("application/problem+json").body("code", is("USERNAME_TAKEN"));
    }

    @Test
    void concurrentCreatesOfOneUsernameMakeOneAccountAndConflictsForTheRest() throws Exception {
        String username = uniqueUsername("race");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return create(admin, body(username, Role.VIEWER, null, null, PASSWORD)).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1L, ((Number) scalar("select count(*) from account where username = ?1", stored(username))).longValue());
    }

    @Test
    void everyInvalidFieldIsReportedAndNothingIsCreated() {
        long before = ((Number) scalar("select count(*) from account")).longValue();
        String u = uniqueUsername("bad");
        assertViolations(body(u, Role.DESA_OFFICER, null, null, PASSWORD), "desaCode");
        assertViolations(body(u, Role.DESA_OFFICER, OTHER_KABUPATEN_DESA, null, PASSWORD), "desaCode");
        assertViolations(body(u, Role.DESA_OFFICER, "73.24.04", null, PASSWORD), "desaCode");
        assertViolations(body(u, Role.OPD_OFFICER, null, null, PASSWORD), "opdId");
        assertViolations(body(u, Role.OPD_OFFICER, null, otherKabupatenOpd(), PASSWORD), "opdId");
        assertViolations(body(u, Role.VIEWER, DESA, opd, PASSWORD), "desaCode", "opdId");
        assertViolations(body(u, Role.OPD_SYSTEM, null, null, PASSWORD), "role");
        assertViolations(body("x", Role.VIEWER, null, null, PASSWORD), "username");
        assertViolations(body("with space", Role.VIEWER, null, null, PASSWORD), "username");
        List<String> messages = assertViolations(body(u, Role.VIEWER, null, null, "short"), "password", "password");
        assertTrue(messages.contains("must be at least 10 characters"), messages.toString());
        assertTrue(messages.contains("must contain a digit"), messages.toString());
        assertViolations(body(u, Role.VIEWER, null, null, "1234567890123"), "password");
        assertViolations(body("kata12345sandi", Role.VIEWER, null, null, "7324.KATA12345SANDI"), "password");
        assertViolations(body(u, Role.VIEWER, null, null, "a1" + "x".repeat(71)), "password");
        assertEquals(before, ((Number) scalar("select count(*) from account")).longValue());
        // the limit itself is fine
        create(admin, body(u, Role.VIEWER, null, null, "abcdefghi1")).response().then().statusCode(201);
    }

    private static List<String> assertViolations(Map<String, Object> body, String... fields) {
        var r = create(admin, body);
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("VALIDATION_FAILED", r.path("code"));
        assertEquals(List.of(fields), r.path("violations.field"), r.asString());
        return r.path("violations.message");
    }

    @Test
    @OffContractRequests("limits out of range, an unknown role")
    void theListPagesByCursorFiltersByRoleAndShowsOnlyTheKabupaten() {
        for (int i = 0; i < 3; i++) {
            create(admin, body(uniqueUsername("pager"), Role.VIEWER, null, null, PASSWORD)).response().then().statusCode(201);
        }
        TestAccounts.viewer(OTHER_KABUPATEN);
        List<Integer> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(admin).queryParam("role", "VIEWER").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/accounts").then().statusCode(200)
                    .body("items.role", everyItem(is("VIEWER")))
                    .body("items.kabupatenCode", everyItem(is(KABUPATEN)))
                    .body("items.size()", lessThanOrEqualTo(2))
                    .extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
        } while (cursor != null);
        long expected = ((Number) scalar("select count(*) from account where kabupaten_code = ?1 and role = 'VIEWER'", KABUPATEN)).longValue();
        assertEquals(expected, seen.size());
        assertEquals(seen.stream().sorted().toList(), seen, "oldest first, no repeats");
        assertEquals(seen.size(), seen.stream().distinct().count());

        given().auth().oauth2(admin).queryParam("limit", 0).get("/api/v1/accounts").then().statusCode(400);
        given().auth().oauth2(admin).queryParam("role", "KING").get("/api/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", is("role"));
        given().auth().oauth2(admin).queryParam("limit", 101).get("/api/v1/accounts").then().statusCode(400)
                .body("violations[0].field", is("limit"));
        given().auth().oauth2(admin).queryParam("cursor", "!!").get("/api/v1/accounts").then().statusCode(400)
                .body("violations[0].field", is("cursor"));
    }

    @Test
    @OffContractRequests("a change without If-Match")
    void disablingNeedsTheCurrentETagAndStopsLogins() {
        String username = uniqueUsername("officer");
        int id = create(admin, body(username, Role.OPD_OFFICER, null, opd, PASSWORD)).path("id");
        String path = "/api/v1/accounts/" + id;

        given().auth().oauth2(admin).post(path + "/disable").then().statusCode(428).body("code", is("IF_MATCH_REQUIRED"));
        given().auth().oauth2(admin).header("If-Match", "\"7\"").post(path + "/disable").then().statusCode(412)
                .body("code", is("STALE_VERSION"));
        assertTrue((Boolean) scalar("select enabled from account where id = ?1", (long) id));

        given().auth().oauth2(admin).header("If-Match", "\"0\"").post(path + "/disable").then().statusCode(200)
                .header("ETag", "\"1\"").body("enabled", is(false)).body("version", is(1));
        login(stored(username), PASSWORD).then().statusCode(401).body("code", is("INVALID_CREDENTIALS"));
        given().auth().oauth2(admin).header("If-Match", "\"0\"").post(path + "/enable").then().statusCode(412);
        given().auth().oauth2(admin).header("If-Match", "W/\"1\"").post(path + "/enable").then().statusCode(200)
                .header("ETag", "\"2\"").body("enabled", is(true));
        login(stored(username), PASSWORD).then().statusCode(200);
    }

    @Test
    void unlockAndPasswordResetLiftTheWaitsOfFailedLogins() {
        String username = uniqueUsername("locked");
        int id = create(admin, body(username, Role.VIEWER, null, null, PASSWORD)).path("id");
        String path = "/api/v1/accounts/" + id;
        // the service's clock stands still, so that the first wait (1 s) cannot run out while the test looks
        clock.pin(java.time.Instant.now());
        try {
            for (int i = 0; i < 5; i++) {
                login(stored(username), "Salah2026sandi").then().statusCode(401);
            }
            given().auth().oauth2(admin).get(path).then().body("failedLogins", is(5)).body("$", not(hasKey("locked")));
            login(stored(username), PASSWORD).then().statusCode(429).header("Retry-After", "1");

            given().auth().oauth2(admin).header("If-Match", "\"0\"").post(path + "/unlock").then().statusCode(200)
                    .header("ETag", "\"1\"").body("failedLogins", is(0));
            login(stored(username), PASSWORD).then().statusCode(200);

            for (int i = 0; i < 5; i++) {
                login(stored(username), "Salah2026sandi").then().statusCode(401);
            }
            login(stored(username), PASSWORD).then().statusCode(429);
            given().auth().oauth2(admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                    .body(Map.of("password", stored(username))).post(path + "/password").then().statusCode(400)
                    .body("violations.message", hasItem("must not be the username"));
            given().auth().oauth2(admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                    .body(Map.of("password", "Baru2026pelayanan")).post(path + "/password").then().statusCode(200)
                    .header("ETag", "\"2\"").body("failedLogins", is(0));
            login(stored(username), PASSWORD).then().statusCode(401);
            login(stored(username), "Baru2026pelayanan").then().statusCode(200);
        } finally {
            clock.reset();
        }
    }

    @Test
    void unlockingAnAccountWithoutFailuresChangesNothing() {
        int id = create(admin, body(uniqueUsername("calm"), Role.VIEWER, null, null, PASSWORD)).path("id");
        given().auth().oauth2(admin).header("If-Match", "\"0\"").post("/api/v1/accounts/" + id + "/unlock").then().statusCode(200)
                .header("ETag", "\"0\"").body("failedLogins", is(0));
    }

    @Test
    void anotherKabupatensAccountsDoNotExistForAnAdmin() {
        long foreign = TestAccounts.account(Role.VIEWER, OTHER_KABUPATEN, null, null).id;
        given().auth().oauth2(admin).get("/api/v1/accounts/" + foreign).then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(admin).header("If-Match", "\"0\"").post("/api/v1/accounts/" + foreign + "/disable").then().statusCode(404);
        assertTrue((Boolean) scalar("select enabled from account where id = ?1", foreign));
        given().auth().oauth2(admin).get("/api/v1/accounts?limit=100").then().statusCode(200)
                .body("items.kabupatenCode", everyItem(is(KABUPATEN)));
    }

    @Test
    void anAdminCannotDisableTheirOwnAccount() {
        long self = TestAccounts.account(Role.ADMIN, KABUPATEN, null, null).id;
        int version = ((Number) scalar("select version from account where id = ?1", self)).intValue();
        given().auth().oauth2(admin).header("If-Match", "\"" + version + "\"").post("/api/v1/accounts/" + self + "/disable")
                .then().statusCode(409).body("code", is("OWN_ACCOUNT"));
    }

    @Test
    void onlyAdminsKeepAccounts() {
        for (String token : List.of(TestAccounts.viewer(KABUPATEN), TestAccounts.desaOfficer(DESA), TestAccounts.opdOfficer(opd))) {
            given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(403).contentType("application/problem+json");
        }
        given().get("/api/v1/accounts").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }
}
