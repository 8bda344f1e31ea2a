package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An access token stands only while its login session does: logout ends one session, a new password or disabling
 * ends every session of the account, at once and on every instance.
 */
@QuarkusTest
class SessionTest {

    static final String PASSWORD = "Sesi2026layanan";
    static String admin;

    @BeforeAll
    static void setUp() {
        ensureRegions();
        admin = TestAccounts.admin(KABUPATEN);
    }

    static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    static Response me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me");
    }

    static Response logout(String token) {
        return given().auth().oauth2(token).post("/api/v1/auth/logout");
    }

    static String sid(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString("sid");
    }

    static void refused(Response r) {
        r.then().statusCode(401).contentType("application/problem+json").body("code", is("UNAUTHENTICATED"))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    static int version(long accountId) {
        return reload(accountId).version;
    }

    @Test
    void logoutEndsThatSessionAtOnceAndNoOther() {
        String username = uniqueUsername("sesi");
        Account account = account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String laptop = login(username, PASSWORD);
        String phone = login(username, PASSWORD);
        assertNotEquals(sid(laptop), sid(phone), "each login is a session of its own");
        me(laptop).then().statusCode(200).body("accountId", is(account.id.intValue()));

        logout(laptop).then().statusCode(204).body(emptyOrNullString());

        refused(me(laptop));
        refused(given().auth().oauth2(laptop).get("/api/v1/regions/73.24"));
        refused(logout(laptop));
        me(phone).then().statusCode(200);
        assertEquals("LOGOUT", scalar("select end_reason from login_session where id = cast(?1 as uuid)", sid(laptop)));
        assertNull(scalar("select end_reason from login_session where id = cast(?1 as uuid)", sid(phone)));
    }

    @Test
    void aNewPasswordEndsEverySessionOfTheAccountAndNoOtherAccounts() {
        String username = uniqueUsername("sesi.desa");
        Account officer = account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);
        String first = login(username, PASSWORD);
        String second = login(username, PASSWORD);
        String bystander = login(account(uniqueUsername("sesi.lain"), PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null).username,
                PASSWORD);
        given().auth().oauth2(first).get("/api/v1/requests").then().statusCode(200);

        given().auth().oauth2(admin).header("If-Match", "\"" + version(officer.id) + "\"").contentType(ContentType.JSON)
                .body(Map.of("password", "Baru2026layanan")).post("/api/v1/accounts/" + officer.id + "/password")
                .then().statusCode(200);

        refused(given().auth().oauth2(first).get("/api/v1/requests"));
        refused(me(second));
        me(bystander).then().statusCode(200);
        assertEquals(2L, ((Number) scalar("select count(*) from login_session where account_id = ?1 and end_reason = 'PASSWORD_SET'",
                officer.id)).longValue());
        String fresh = login(username, "Baru2026layanan");
        // the admin chose that password: its owner sets their own before anything else
        given().auth().oauth2(fresh).get("/api/v1/requests").then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(fresh).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "Baru2026layanan", "newPassword", "Sendiri2026layanan")).post("/api/v1/me/password")
                .then().statusCode(204);
        given().auth().oauth2(fresh).get("/api/v1/requests").then().statusCode(200);
    }

    @Test
    void aDisabledAccountCannotFileWithItsOldTokenAndEnablingDoesNotReviveIt() {
        String username = uniqueUsername("sesi.filer");
        Account officer = account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);
        String token = login(username, PASSWORD);
        Filings.fileOne(token);

        given().auth().oauth2(admin).header("If-Match", "\"" + version(officer.id) + "\"")
                .post("/api/v1/accounts/" + officer.id + "/disable").then().statusCode(200).body("enabled", is(false));

        refused(given().auth().oauth2(token).contentType(ContentType.JSON).body(Filings.aktaKelahiran()).post("/api/v1/requests"));
        assertEquals(1L, ((Number) scalar("select count(*) from service_request where filed_by = ?1", officer.id)).longValue(),
                "nothing was filed with the old token");

        given().auth().oauth2(admin).header("If-Match", "\"" + version(officer.id) + "\"")
                .post("/api/v1/accounts/" + officer.id + "/enable").then().statusCode(200);
        refused(me(token));
        Filings.fileOne(login(username, PASSWORD));
    }

    @Test
    void aSessionEndedOnAnotherInstanceIsRefusedHereAsSoonAsTheNoticeArrives() throws Exception {
        String username = uniqueUsername("sesi.jauh");
        Account account = account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String token = login(username, PASSWORD);
        String other = login(username, PASSWORD);
        me(token).then().statusCode(200);
        me(other).then().statusCode(200);

        // Another instance ends the session: this instance's code is not involved, only the database.
        update("update login_session set ended_at = now(), end_reason = 'LOGOUT' where id = cast(?1 as uuid)", sid(token));
        me(token).then().statusCode(200); // what this instance read is kept (the cache is real) until a notice says otherwise
        scalar("select count(*) from (select pg_notify('layanan_auth', ?1)) n", "s:" + sid(token));
        awaitRefused(token);
        me(other).then().statusCode(200);

        // ... or every session of the account
        update("update login_session set ended_at = now(), end_reason = 'DISABLED' where account_id = ?1 and ended_at is null", account.id);
        scalar("select count(*) from (select pg_notify('layanan_auth', ?1)) n", "a:" + account.id);
        awaitRefused(other);
    }

    /** Notices arrive asynchronously, within milliseconds; the deadline only keeps a broken listener from hanging the run. */
    static void awaitRefused(String token) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            status = me(token).statusCode();
            if (status == 401) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        fail("the token still answered " + status + " after the notice");
    }

    @Test
    void tokensOfThisServiceWithoutALiveSessionAreRefused() {
        Account account = TestAccounts.account(Role.ADMIN, KABUPATEN, null, null);
        var claims = Jwt.issuer("layanan-desa").upn(account.username).groups(Set.of("ADMIN"))
                .claim("account", account.id.toString()).claim("kabupaten", KABUPATEN).expiresIn(600);
        refused(me(claims.sign()));
        refused(me(Jwt.issuer("layanan-desa").upn(account.username).groups(Set.of("ADMIN")).claim("account", account.id.toString())
                .claim("kabupaten", KABUPATEN).claim("sid", UUID.randomUUID().toString()).expiresIn(600).sign()));
        refused(me(Jwt.issuer("layanan-desa").upn(account.username).groups(Set.of("ADMIN")).claim("account", account.id.toString())
                .claim("kabupaten", KABUPATEN).claim("sid", "not-a-session").expiresIn(600).sign()));
    }

    @Test
    void anApiKeyIsRevokedNotLoggedOut() {
        given().header("X-API-Key", apiKey(homeOpd())).post("/api/v1/auth/logout").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-API-Key", apiKey(homeOpd())).get("/api/v1/me").then().statusCode(200);
    }
}
