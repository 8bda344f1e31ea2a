package id.go.layanandesa.account;

import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.Tenants;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Configuration alone moves token verification to an external OpenID Connect provider: its JWKS, its issuer,
 * its role claim path and its own claim names. The provider here is a second RSA key published as a JWKS file,
 * with Keycloak-shaped tokens (roles under realm_access.roles, no account claim).
 */
@QuarkusTest
@TestProfile(ExternalIdentityProviderTest.ExternalProvider.class)
class ExternalIdentityProviderTest {

    static final String ISSUER = "https://sso.luwutimurkab.go.id/realms/pemda";
    static final String KID = "pemda-2026";
    static final KeyPair KEYS = generate();

    public static class ExternalProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // the test resource gives the service's own public key inline, which would win over any location; NONE is smallrye-jwt's "unset"
                    "mp.jwt.verify.publickey", "NONE",
                    "mp.jwt.verify.publickey.location", jwksFile().toUri().toString(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "smallrye.jwt.path.groups", "realm_access/roles",
                    "layanan.auth.claims.kabupaten", "kode_kabupaten",
                    "layanan.auth.claims.desa", "kode_desa",
                    "layanan.auth.claims.opd", "id_opd",
                    "layanan.auth.claims.account-id", "layanan_account");
        }
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path jwksFile() {
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        String jwks = """
                {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}"""
                .formatted(KID, base64url(key.getModulus()), base64url(key.getPublicExponent()));
        try {
            Path file = Files.createTempFile("jwks", ".json");
            Files.writeString(file, jwks);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static JwtClaimsBuilder person(String username, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject("f1c2a7e0-5b1d-4c8e-9a10-" + username.hashCode())
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(300);
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KID).sign(KEYS.getPrivate());
    }

    @Test
    void anOpdOfficerOfTheProviderIsRecognisedByTheConfiguredClaims() {
        long opd = AuthFixtures.homeOpd();
        String token = sign(person("budi.santoso", "offline_access", "OPD_OFFICER")
                .claim("kode_kabupaten", AuthFixtures.KABUPATEN).claim("id_opd", Long.toString(opd)));
        given().auth().oauth2(token).get("/api/v1/me").then()
                .statusCode(200)
                .body("kind", is("PERSON"))
                .body("role", is("OPD_OFFICER"))
                .body("name", is("budi.santoso"))
                .body("accountId", nullValue())
                .body("kabupatenCode", is(AuthFixtures.KABUPATEN))
                .body("opdId", is((int) opd))
                .body("capabilities", hasItem("WORK_QUEUE"));
    }

    @Test
    void aDesaOfficerOfTheProviderHasItsDesa() {
        String token = sign(person("siti.desa", "DESA_OFFICER")
                .claim("kode_kabupaten", AuthFixtures.KABUPATEN).claim("kode_desa", AuthFixtures.DESA));
        given().auth().oauth2(token).get("/api/v1/me").then()
                .statusCode(200).body("role", is("DESA_OFFICER")).body("desaCode", is(AuthFixtures.DESA))
                .body("desaName", is("Harapan"));
    }

    @Test
    void aDesaOfficerOfTheProviderFilesAndFollowsRequestsWithoutAnAccountHere() {
        String token = sign(person("siti.desa.with.a.rather.long.username.from.the.province", "DESA_OFFICER")
                .claim("kode_kabupaten", AuthFixtures.KABUPATEN).claim("kode_desa", "73.24.04.2001"));
        String key = "external-" + System.nanoTime();
        Object requestId = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(id.go.layanandesa.support.Filings.aktaKelahiran()).post("/api/v1/requests")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(id.go.layanandesa.support.Filings.aktaKelahiran()).post("/api/v1/requests")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        given().auth().oauth2(token).get("/api/v1/requests/" + requestId).then().statusCode(200)
                .body("history[0].actor", is("siti.desa.with.a.rather.long.username.from.the.province"));
    }

    @Test
    void anAdminWithoutAnAccountHereCanStillKeepApiKeys() {
        AuthFixtures.ensureRegions();
        String token = sign(person("admin.organisasi", "ADMIN").claim("kode_kabupaten", AuthFixtures.KABUPATEN));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("opdId", AuthFixtures.homeOpd(), "name", "bridge"))
                .post("/api/v1/api-keys").then()
                .statusCode(201).body("createdBy", nullValue());
        given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(200);
    }

    @Test
    void tokensOfOurOwnKeyAndIssuerNoLongerCount() {
        given().auth().oauth2(TestAccounts.admin(AuthFixtures.KABUPATEN)).get("/api/v1/me").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        // the provider's key but another issuer
        String wrongIssuer = Jwt.issuer("https://elsewhere.example/realms/x").claim("preferred_username", "x")
                .claim("realm_access", Map.of("roles", List.of("ADMIN"))).claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .expiresIn(300).jws().keyId(KID).sign(KEYS.getPrivate());
        given().auth().oauth2(wrongIssuer).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenWithoutTheScopeItsRoleNeedsIsForbiddenNotAFault() {
        given().auth().oauth2(sign(person("no.kabupaten", "VIEWER"))).get("/api/v1/me").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(sign(person("odd.opd", "OPD_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("id_opd", "dinas-kesehatan"))).get("/api/v1/me").then().statusCode(403);
        given().auth().oauth2(sign(person("citizen", "offline_access").claim("kode_kabupaten", AuthFixtures.KABUPATEN)))
                .get("/api/v1/me").then().statusCode(403);
    }

    @Test
    void apiKeysKeepWorkingBesideTheProvider() {
        String key = AuthFixtures.newApiKey(AuthFixtures.homeOpd(), "SIAK", false);
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200).body("role", is("OPD_SYSTEM"));
        given().header("Authorization", "Bearer " + key).get("/api/v1/me").then().statusCode(200);
    }

    static void forbidden(String token, String why) {
        for (String path : List.of("/api/v1/me", "/api/v1/regions/" + AuthFixtures.KABUPATEN, "/api/v1/opds")) {
            given().auth().oauth2(token).get(path).then()
                    .statusCode(403).contentType("application/problem+json").body("code", is("FORBIDDEN")).body("detail", containsString(why));
        }
    }

    @Test
    void anIdentityTheDataDoesNotHoldIsForbiddenOnEveryPath() {
        AuthFixtures.ensureRegions();
        forbidden(sign(person("admin.99", "ADMIN").claim("kode_kabupaten", "99.99")), "kabupaten that does not exist");
        forbidden(sign(person("admin.kecamatan", "ADMIN").claim("kode_kabupaten", "73.24.04")), "kabupaten that does not exist");
        forbidden(sign(person("desa.luar", "DESA_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("kode_desa", AuthFixtures.OTHER_KABUPATEN_DESA)), "desa that is not in their kabupaten");
        forbidden(sign(person("desa.kecamatan", "DESA_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("kode_desa", "73.24.04")), "desa that is not in their kabupaten");
        forbidden(sign(person("desa.hilang", "DESA_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("kode_desa", "73.24.04.2999")), "desa that is not in their kabupaten");
        forbidden(sign(person("opd.luar", "OPD_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("id_opd", Long.toString(AuthFixtures.otherKabupatenOpd()))), "OPD that is not one of their kabupaten");
        forbidden(sign(person("opd.hilang", "OPD_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("id_opd", "987654321")), "OPD that is not one of their kabupaten");
        forbidden(sign(person("dua.peran", "ADMIN", "VIEWER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)), "more than one role");
        // and the consistent ones still work
        given().auth().oauth2(sign(person("desa.benar", "DESA_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("kode_desa", AuthFixtures.DESA))).get("/api/v1/regions/" + AuthFixtures.KABUPATEN).then().statusCode(200);
    }

    @Test
    void aKabupatenNobodyOnboardedIsRefusedAndServedOnceItIs() {
        String kabupaten = ScratchKabupaten.regionsOnly("85.41");
        String admin = sign(person("admin.baru", "ADMIN").claim("kode_kabupaten", kabupaten));
        forbidden(admin, "kabupaten that has not been onboarded");
        forbidden(sign(person("desa.baru", "DESA_OFFICER").claim("kode_kabupaten", kabupaten).claim("kode_desa", kabupaten + ".01.2001")),
                "kabupaten that has not been onboarded");
        Tenants.onboard(kabupaten, Tenants.smallDocument(kabupaten, "Baru"));
        given().auth().oauth2(admin).get("/api/v1/opds").then().statusCode(200).body("code", hasItems("DISDUKCAPIL", "ORGANISASI"));
    }

    @Test
    void anOperatorIsAnAccountHereNeverAProvidersRole() {
        forbidden(sign(person("penguasa", "OPERATOR")), "an operator signs in with an account of this service");
        forbidden(sign(person("penguasa", "OPERATOR").claim("kode_kabupaten", AuthFixtures.KABUPATEN)), "an operator signs in");
    }

    @Test
    void aTokenNamingAnAccountHereMustDescribeThatAccount() {
        Account viewer = AuthFixtures.account(AuthFixtures.uniqueUsername("sso.viewer"), null, id.go.layanandesa.common.security.Role.VIEWER,
                AuthFixtures.KABUPATEN, null, null);
        String matching = sign(person("sso.viewer", "VIEWER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("layanan_account", viewer.id.toString()));
        given().auth().oauth2(matching).get("/api/v1/me").then().statusCode(200).body("accountId", is(viewer.id.intValue()));

        forbidden(sign(person("sso.viewer", "ADMIN").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("layanan_account", viewer.id.toString())), "role or scope is another");
        Account foreign = AuthFixtures.account(AuthFixtures.uniqueUsername("sso.luar"), null, id.go.layanandesa.common.security.Role.VIEWER,
                AuthFixtures.OTHER_KABUPATEN, null, null);
        forbidden(sign(person("sso.luar", "VIEWER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("layanan_account", foreign.id.toString())), "role or scope is another");
        forbidden(sign(person("sso.hilang", "VIEWER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("layanan_account", "987654321")), "role or scope is another");

        String admin = sign(person("admin.sso", "ADMIN").claim("kode_kabupaten", AuthFixtures.KABUPATEN));
        given().auth().oauth2(admin).header("If-Match", "\"" + AuthFixtures.reload(viewer.id).version + "\"")
                .post("/api/v1/accounts/" + viewer.id + "/disable").then().statusCode(200);
        forbidden(matching, "disabled account");
    }

    @Test
    void aTokenOfTheProviderIsLoggedOutThereNotHere() {
        String token = sign(person("siti.desa", "DESA_OFFICER").claim("kode_kabupaten", AuthFixtures.KABUPATEN)
                .claim("kode_desa", AuthFixtures.DESA));
        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(409)
                .contentType("application/problem+json").body("code", is("NO_LOCAL_SESSION"));
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
    }
}
