package id.go.layanandesa.account;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.common.security.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class LoginTest {

    static final String PASSWORD = "harapan2026Desa";

    @jakarta.inject.Inject
    id.go.layanandesa.support.TestClock clock;

    @BeforeAll
    static void regions() {
        ensureRegions();
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/login");
    }

    @Test
    void rightPasswordGivesATokenThatSaysWhoTheCallerIs() {
        String username = uniqueUsername("desa.harapan");
        Account account = account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);

        String token = login(username.toUpperCase(), PASSWORD).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("tokenType", is("Bearer"))
                .body("accessToken", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("expiresAt", notNullValue())
                .body("account.id", is(account.id.intValue()))
                .body("account.username", is(username))
                .body("account.role", is("DESA_OFFICER"))
                .body("account.desaCode", is(DESA))
                .body("account", not(hasKey("passwordHash")))
                .body(not(containsString("$2a$")))
                .extract().path("accessToken");
        Instant expiresAt = Instant.parse(login(username, PASSWORD).path("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(7 * 3600)), "token lives for the configured 8 hours");

        given().auth().oauth2(token).when().get("/api/v1/me").then()
                .statusCode(200)
                .body("kind", is("PERSON"))
                .body("role", is("DESA_OFFICER"))
                .body("accountId", is(account.id.intValue()))
                .body("name", is("Test " + username))
                .body("kabupatenCode", is(KABUPATEN))
                .body("desaCode", is(DESA))
                .body("desaName", is("Harapan"))
                .body("opdId", nullValue())
                .body("capabilities", containsInAnyOrder("FILE_REQUESTS", "VIEW_REQUESTS", "RECORD_SURVEYS"));
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledAllAnswerTheSame() {
        String known = uniqueUsername("viewer");
        Account k = account(known, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String disabled = uniqueUsername("disabled");
        Account d = account(disabled, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        update("update account set enabled = false where id = ?1", d.id);

        List<Response> answers = List.of(login(known, "wrongPassword1"), login(uniqueUsername("nobody"), PASSWORD),
                login(disabled, PASSWORD), login(disabled, "wrongPassword1"));
        for (Response r : answers) {
            r.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("code", is("INVALID_CREDENTIALS"))
                    .body("status", is(401))
                    .body("detail", is((String) answers.get(0).path("detail")))
                    .body("instance", is("/api/v1/auth/login"));
        }
        assertEquals(1, reload(k.id).failedLogins, "a failure is counted for the admins to see");
        assertEquals(2, reload(d.id).failedLogins, "a disabled account's attempts count as failures too");
        login(known, PASSWORD).then().statusCode(200);
        assertEquals(0, reload(k.id).failedLogins, "a success clears the count");
    }

    @Test
    void anUnknownUsernameTakesAboutAsLongAsAWrongPassword() {
        String known = uniqueUsername("timing");
        account(known, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        // a fresh account per attempt, so no lock interferes
        long wrong = median(() -> {
            String u = uniqueUsername("timing");
            account(u, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
            return u;
        }, "wrongPassword1");
        long unknown = median(() -> uniqueUsername("nobody"), "wrongPassword1");
        System.out.printf("login timing: wrong password %d ms, unknown user %d ms (median of 7)%n", wrong / 1_000_000, unknown / 1_000_000);
        assertTrue(unknown > wrong / 3, "unknown usernames also pay for a bcrypt check: " + unknown + " vs " + wrong);
    }

    private static long median(java.util.function.Supplier<String> usernames, String password) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String u = usernames.get();
            long t0 = System.nanoTime();
            login(u, password).then().statusCode(401);
            times.add(System.nanoTime() - t0);
        }
        times.sort(null);
        return times.get(3);
    }

    @Test
    void noUsernameOrPasswordEverReachesTheLog() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                String message = r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
                lines.add(r.getLoggerName() + " " + message + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        String username = uniqueUsername("rahasia");
        String created = uniqueUsername("rahasia");
        long[] accountId = {0};
        // the service's clock stands still, so that the first wait (1 s) cannot run out before the sixth try
        clock.pin(Instant.now());
        try {
            Account account = account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
            accountId[0] = account.id;
            for (int i = 0; i < 5; i++) {
                login(username, "Salah2026sandi" + i).then().statusCode(401);
            }
            login(username, PASSWORD).then().statusCode(429).body("code", is("RATE_LIMITED"));
            login(uniqueUsername("nobody"), "Salah2026sandi").then().statusCode(401);
            String admin = id.go.layanandesa.support.TestAccounts.admin(KABUPATEN);
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("username", created, "displayName", "Rahasia", "role", "VIEWER", "password", "Dibuat2026admin"))
                    .post("/api/v1/accounts").then().statusCode(201);
            given().auth().oauth2(admin).header("If-Match", "\"" + reload(account.id).version + "\"").contentType(ContentType.JSON)
                    .body(Map.of("password", "Direset2026admin")).post("/api/v1/accounts/" + account.id + "/password")
                    .then().statusCode(200);
        } finally {
            clock.reset();
            root.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("of account " + accountId[0] + " from one address now wait")), "the capture works: " + lines);
        for (String secret : List.of(username, created, PASSWORD, "Salah2026sandi", "Dibuat2026admin", "Direset2026admin")) {
            assertTrue(lines.stream().noneMatch(l -> l.contains(secret)), secret + " was logged: " + lines);
        }
    }

    @Test
    @OffContractRequests("a body without password")
    void aBodyWithoutPasswordIsAValidationProblem() {
        given().contentType(ContentType.JSON).body(Map.of("username", "someone")).when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("violations.field", hasItem("password"));
    }
}
