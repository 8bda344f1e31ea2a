package id.go.layanandesa.common.security;

import id.go.layanandesa.account.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A token verified once is not verified again on every call, but nothing that would have been refused gets through:
 * a token changed in its signature or its claims, one signed with another key, or an expired one is refused even
 * right after the genuine token was served; a served token still ends at logout; and /me reads names afresh.
 */
@QuarkusTest
class VerifiedTokenTest {

    static final String PASSWORD = "Token2026layanan";

    @Inject
    VerifiedTokens verified;

    boolean kept(String token) {
        return verified.kept(token);
    }

    @BeforeAll
    static void setUp() {
        ensureRegions();
    }

    static String login(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    static Response me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me");
    }

    static void refused(Response r) {
        r.then().statusCode(401).contentType("application/problem+json").body("code", is("UNAUTHENTICATED"));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void aServedTokenChangedInItsSignatureOrItsClaimsIsRefused() {
        String username = uniqueUsername("token.desa");
        Account officer = account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);
        String token = login(username);
        me(token).then().statusCode(200).body("accountId", is(officer.id.intValue())).body("desaCode", is(DESA));
        assertTrue(kept(token), "a verified token is kept");
        me(token).then().statusCode(200).body("accountId", is(officer.id.intValue())).body("desaCode", is(DESA));

        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        refused(me(otherSignature));
        refused(me(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4)));
        refused(me(parts[0] + "." + parts[1] + "."));
        // the same signature over other claims: another desa
        String otherClaims = parts[0] + "." + b64(payload(token).replace(DESA, OTHER_DESA)) + "." + parts[2];
        refused(me(otherClaims));
        // the same claims unsigned
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        refused(me(unsigned));
        for (String forged : new String[]{otherSignature, otherClaims, unsigned}) {
            assertFalse(kept(forged), "a token that failed verification is never kept");
        }

        me(token).then().statusCode(200).body("desaCode", is(DESA));
    }

    @Test
    void theSameClaimsSignedWithAnotherKeyAreRefused() throws Exception {
        String username = uniqueUsername("token.key");
        Account admin = account(username, PASSWORD, Role.ADMIN, KABUPATEN, null, null);
        String token = login(username);
        me(token).then().statusCode(200);
        Map<String, Object> claims = io.restassured.path.json.JsonPath.from(payload(token)).getMap("");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String foreign = Jwt.claims(claims).sign(otherKey);
        refused(me(foreign));
        assertFalse(kept(foreign));
        me(token).then().statusCode(200).body("accountId", is(admin.id.intValue()));
    }

    @Test
    void theClaimsOfALiveSessionPastTheirExpiryAreRefused() {
        String username = uniqueUsername("token.expired");
        account(username, PASSWORD, Role.ADMIN, KABUPATEN, null, null);
        String token = login(username);
        me(token).then().statusCode(200);
        Map<String, Object> claims = io.restassured.path.json.JsonPath.from(payload(token)).getMap("");
        String expired = Jwt.claims(claims).issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        refused(me(expired));
        refused(me(expired));
        assertFalse(kept(expired));
        // the same claims, still valid, are served: it is the expiry that refuses
        me(Jwt.claims(claims).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).sign()).then().statusCode(200);
    }

    @Test
    void aServedTokenEndsAtLogoutAtOnce() {
        String username = uniqueUsername("token.logout");
        account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String token = login(username);
        for (int i = 0; i < 3; i++) {
            me(token).then().statusCode(200);
        }
        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);
        refused(me(token));
        refused(given().auth().oauth2(token).get("/api/v1/regions/73.24"));
    }

    @Test
    void meShowsTheNamesAsTheyAreNow() {
        String username = uniqueUsername("token.names");
        Account officer = account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);
        String token = login(username);
        String desaName = (String) scalar("select name from region where code = ?1", DESA);
        String kabupatenName = (String) scalar("select name from region where code = ?1", KABUPATEN);
        me(token).then().statusCode(200).body("name", is("Test " + username)).body("desaName", is(desaName))
                .body("kabupatenName", is(kabupatenName)).body("kind", is("PERSON")).body("role", is("DESA_OFFICER"))
                .body("$", not(hasKey("opdName")));
        update("update account set display_name = ?1 where id = ?2", "Renamed " + username, officer.id);
        me(token).then().statusCode(200).body("name", is("Renamed " + username));

        long opd = homeOpd();
        String opdName = (String) scalar("select name from opd where id = ?1", opd);
        String opdOfficer = uniqueUsername("token.opd");
        account(opdOfficer, PASSWORD, Role.OPD_OFFICER, KABUPATEN, null, opd);
        me(login(opdOfficer)).then().statusCode(200).body("opdId", is((int) opd)).body("opdName", is(opdName))
                .body("$", not(hasKey("desaName")));
    }
}
