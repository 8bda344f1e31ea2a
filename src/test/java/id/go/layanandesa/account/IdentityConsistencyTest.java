package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.DatabaseFingerprint;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A credential that verifies is not enough: the identity it describes must be one the data holds. A kabupaten that is
 * not a kabupaten, a desa outside it, an OPD of another kabupaten or none at all, claims that are not those of their
 * account: each is refused with 403 on every endpoint, and nothing changes.
 */
@QuarkusTest
class IdentityConsistencyTest {

    @BeforeAll
    static void regions() {
        ensureRegions();
    }

    /** Endpoints of every kind: about the caller, reference data that needs no scope, and a change of the role's own. */
    static void refusedEverywhere(Supplier<RequestSpecification> caller, String change, String body, String why) {
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/v1/me", null},
                new String[]{"GET", "/api/v1/regions/" + KABUPATEN, null},
                new String[]{"GET", "/api/v1/opds", null},
                new String[]{"GET", "/api/v1/service-types", null},
                new String[]{"POST", change, body});
        for (String[] call : calls) {
            RequestSpecification request = caller.get();
            Map<String, String> before = DatabaseFingerprint.take();
            if (call[2] != null) {
                request.contentType(ContentType.JSON).header("Idempotency-Key", "c-" + System.nanoTime()).body(call[2]);
            }
            request.when().request(call[0], call[1]).then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", is("FORBIDDEN"))
                    .body("detail", containsString(why));
            assertEquals(before, DatabaseFingerprint.take(), call[0] + " " + call[1] + " changed the database");
        }
    }

    static String filing() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Filings.aktaKelahiran());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String holiday() {
        return "{\"date\":\"2031-01-02\",\"name\":\"Tidak boleh\"}";
    }

    /** A token of a real, live session of the account, with some claims changed. */
    static String altered(Account account, Map<String, String> changes) {
        String real = CDI.current().select(TokenIssuer.class).get().issue(account).value();
        String payload = new String(Base64.getUrlDecoder().decode(real.split("\\.")[1]), StandardCharsets.UTF_8);
        var claims = io.restassured.path.json.JsonPath.from(payload);
        var builder = Jwt.issuer("layanan-desa").upn(account.username).groups(Set.of(account.role.name()))
                .claim("sid", claims.getString("sid")).claim("account", account.id.toString())
                .claim("kabupaten", account.kabupatenCode).expiresIn(600);
        if (account.desaCode != null) {
            builder.claim("desa", account.desaCode);
        }
        if (account.opdId != null) {
            builder.claim("opd", account.opdId.toString());
        }
        changes.forEach(builder::claim);
        return builder.sign();
    }

    @Test
    void ourTokenWithClaimsThatAreNotThoseOfItsAccount() {
        Account admin = TestAccounts.account(Role.ADMIN, KABUPATEN, null, null);
        refusedEverywhere(() -> given().auth().oauth2(altered(admin, Map.of("kabupaten", "99.99"))), "/api/v1/holidays", holiday(),
                "not those of its account");
        Account officer = TestAccounts.account(Role.DESA_OFFICER, KABUPATEN, DESA, null);
        refusedEverywhere(() -> given().auth().oauth2(altered(officer, Map.of("desa", OTHER_KABUPATEN_DESA))), "/api/v1/requests",
                filing(), "not those of its account");
        Account worker = TestAccounts.account(Role.OPD_OFFICER, KABUPATEN, null, homeOpd());
        refusedEverywhere(() -> given().auth().oauth2(altered(worker, Map.of("opd", Long.toString(otherKabupatenOpd())))),
                "/api/v1/queue/claims", "{\"limit\":1,\"waitSeconds\":0}", "not those of its account");
        // the unaltered token of the same session works
        given().auth().oauth2(altered(worker, Map.of())).get("/api/v1/me").then().statusCode(200);
    }

    /** Rows written past the service's own checks (by hand, by an old import): the data itself is inconsistent. */
    static Account inconsistentAccount(Role role, String kabupaten, String desa, Long opd) {
        return QuarkusTransaction.requiringNew().call(
                () -> TestAccounts.persist(uniqueUsername("salah"), "Salah", "!", role, kabupaten, desa, opd));
    }

    static String tokenOf(Account a) {
        return CDI.current().select(TokenIssuer.class).get().issue(a).value();
    }

    @Test
    void anAccountWhoseOwnScopeIsInconsistent() {
        // an account of something that is no kabupaten in service cannot even be stored any more
        assertThrows(RuntimeException.class, () -> inconsistentAccount(Role.ADMIN, "73", null, null));

        String desaElsewhere = tokenOf(inconsistentAccount(Role.DESA_OFFICER, KABUPATEN, OTHER_KABUPATEN_DESA, null));
        refusedEverywhere(() -> given().auth().oauth2(desaElsewhere), "/api/v1/requests", filing(), "desa that is not in their kabupaten");

        String kecamatanAsDesa = tokenOf(inconsistentAccount(Role.DESA_OFFICER, KABUPATEN, "73.24.04", null));
        refusedEverywhere(() -> given().auth().oauth2(kecamatanAsDesa), "/api/v1/requests", filing(), "desa that is not in their kabupaten");

        String opdElsewhere = tokenOf(inconsistentAccount(Role.OPD_OFFICER, KABUPATEN, null, otherKabupatenOpd()));
        refusedEverywhere(() -> given().auth().oauth2(opdElsewhere), "/api/v1/queue/claims", "{\"limit\":1,\"waitSeconds\":0}",
                "OPD that is not one of their kabupaten");
    }

    @Test
    void anApiKeyOfAnOpdOfAnotherKabupaten() {
        String secret = ApiKeySecrets.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            ApiKey key = new ApiKey();
            key.kabupatenCode = KABUPATEN;
            key.opdId = otherKabupatenOpd();
            key.name = "salah";
            key.prefix = ApiKeySecrets.shown(secret);
            key.keyHash = ApiKeySecrets.hash(secret);
            key.createdAt = Instant.now();
            key.persist();
        });
        refusedEverywhere(() -> given().header("X-API-Key", secret), "/api/v1/queue/claims", "{\"limit\":1,\"waitSeconds\":0}",
                "OPD that is not one of their kabupaten");
        given().header("X-API-Key", apiKey(homeOpd())).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aTokenWithTwoRolesOfThisService() {
        Account admin = TestAccounts.account(Role.ADMIN, KABUPATEN, null, null);
        String real = tokenOf(admin);
        String sid = io.restassured.path.json.JsonPath.from(new String(Base64.getUrlDecoder().decode(real.split("\\.")[1]),
                StandardCharsets.UTF_8)).getString("sid");
        String twoRoles = Jwt.issuer("layanan-desa").upn(admin.username).groups(Set.of("ADMIN", "VIEWER")).claim("sid", sid)
                .claim("account", admin.id.toString()).claim("kabupaten", KABUPATEN).expiresIn(600).sign();
        refusedEverywhere(() -> given().auth().oauth2(twoRoles), "/api/v1/holidays", holiday(), "more than one role");
    }
}
