package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every account sets its own password; one that someone else set must be replaced before anything else. */
@QuarkusTest
class OwnPasswordTest {

    static final String PASSWORD = "Sendiri2026sandi";

    @Inject
    TestClock clock;

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    static String token(String username, String password) {
        return login(username, password).then().statusCode(200).extract().path("accessToken");
    }

    static Response change(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", current, "newPassword", next))
                .post("/api/v1/me/password");
    }

    @Test
    void aNewPasswordEndsTheAccountsOtherSessionsAndKeepsTheOneThatSetIt() {
        String username = AuthFixtures.uniqueUsername("sendiri");
        Account account = AuthFixtures.account(username, PASSWORD, Role.DESA_OFFICER, AuthFixtures.KABUPATEN, AuthFixtures.DESA, null);
        String here = token(username, PASSWORD);
        String elsewhere = token(username, PASSWORD);
        change(here, PASSWORD, "Baru2026sendiri").then().statusCode(204);
        given().auth().oauth2(here).get("/api/v1/requests").then().statusCode(200);
        given().auth().oauth2(elsewhere).get("/api/v1/requests").then().statusCode(401);
        login(username, PASSWORD).then().statusCode(401);
        login(username, "Baru2026sendiri").then().statusCode(200).body("account.passwordChangeRequired", is(false));
        assertEquals(1L, Db.count("select count(*) from login_session where account_id = ?1 and end_reason = 'PASSWORD_SET'", account.id));
        assertEquals(1, AuthFixtures.reload(account.id).version, "a new version of the account");
    }

    @Test
    void theNewPasswordObeysThePolicyAndTheCurrentOneMustBeRight() {
        String username = AuthFixtures.uniqueUsername("kebijakan");
        Account account = AuthFixtures.account(username, PASSWORD, Role.VIEWER, AuthFixtures.KABUPATEN, null, null);
        String token = token(username, PASSWORD);
        String hash = AuthFixtures.reload(account.id).passwordHash;
        change(token, PASSWORD, PASSWORD).then().statusCode(400).body("violations.message", contains("must not be the current password"));
        change(token, PASSWORD, username).then().statusCode(400).body("violations.message", hasItem("must not be the username"));
        change(token, PASSWORD, "pendek").then().statusCode(400).body("violations.field", everyItem(is("newPassword")));
        change(token, "Salah2026sandi", "Baru2026sendiri").then().statusCode(400)
                .body("violations.field", contains("currentPassword")).body("violations.message", contains("is not the account's password"));
        assertEquals(hash, AuthFixtures.reload(account.id).passwordHash, "nothing was changed");
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedLogins() {
        String username = AuthFixtures.uniqueUsername("tebak");
        AuthFixtures.account(username, PASSWORD, Role.VIEWER, AuthFixtures.KABUPATEN, null, null);
        String token = token(username, PASSWORD);
        // the service's clock stands still, so that the first wait (1 s) cannot run out while the test looks
        clock.pin(Instant.now());
        try {
            for (int i = 0; i < 5; i++) {
                change(token, "Tebakan2026ke" + i, "Baru2026sendiri").then().statusCode(400);
            }
            change(token, PASSWORD, "Baru2026sendiri").then().statusCode(429).body("code", is("RATE_LIMITED")).header("Retry-After", notNullValue());
            login(username, PASSWORD).then().statusCode(429);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aPasswordAnAdminSetMustBeReplacedBeforeAnythingElse() {
        String username = AuthFixtures.uniqueUsername("direset");
        Account account = AuthFixtures.account(username, PASSWORD, Role.OPD_OFFICER, AuthFixtures.KABUPATEN, null, AuthFixtures.homeOpd());
        String admin = TestAccounts.admin(AuthFixtures.KABUPATEN);
        given().auth().oauth2(admin).header("If-Match", "\"" + AuthFixtures.reload(account.id).version + "\"").contentType(ContentType.JSON)
                .body(Map.of("password", "Admin2026memberi")).post("/api/v1/accounts/" + account.id + "/password").then().statusCode(200)
                .body("passwordChangeRequired", is(true));
        String token = login(username, "Admin2026memberi").then().statusCode(200).body("account.passwordChangeRequired", is(true))
                .extract().path("accessToken");
        for (String path : List.of("/api/v1/queue", "/api/v1/opds", "/api/v1/requests", "/api/v1/regions/73.24")) {
            given().auth().oauth2(token).get(path).then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"))
                    .body("detail", containsString("/api/v1/me/password"));
        }
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("passwordChangeRequired", is(true))
                .body("capabilities", empty());
        change(token, "Admin2026memberi", "Petugas2026sendiri").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("passwordChangeRequired", is(false))
                .body("capabilities", hasItem("WORK_QUEUE"));
        given().auth().oauth2(token).get("/api/v1/opds").then().statusCode(200);
        assertFalse(AuthFixtures.reload(account.id).passwordChangeRequired);

        // logging out is allowed too while a change is due
        given().auth().oauth2(admin).header("If-Match", "\"" + AuthFixtures.reload(account.id).version + "\"").contentType(ContentType.JSON)
                .body(Map.of("password", "Admin2026lagi1")).post("/api/v1/accounts/" + account.id + "/password").then().statusCode(200);
        String again = token(username, "Admin2026lagi1");
        given().auth().oauth2(again).post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void anOpdSystemHasNoPasswordToChange() {
        given().header("X-API-Key", AuthFixtures.apiKey(AuthFixtures.homeOpd())).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "x", "newPassword", "Baru2026sendiri")).post("/api/v1/me/password")
                .then().statusCode(403).body("code", is("FORBIDDEN"));
    }
}
