package id.go.layanandesa.kabupaten;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.go.layanandesa.support.DatabaseFingerprint;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Documents;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** An operator puts a kabupaten into service from its configuration document and makes its first admin. */
@QuarkusTest
class OnboardingTest {

    /** An operator's token, made once: each token is a login session, a row the fingerprints would see. */
    static String operator;

    static ExtractableResponse<Response> onboard(String document, boolean dryRun) {
        if (operator == null) {
            operator = TestAccounts.operator();
        }
        return given().auth().oauth2(operator).contentType(ContentType.JSON).queryParam("dryRun", dryRun)
                .body(document).post("/api/v1/kabupaten").then().extract();
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void anOperatorOnboardsAKabupatenFromItsDocumentAfterADryRunThatChangesNothing() {
        String k = ScratchKabupaten.regionsOnly("85.01");
        Map<String, String> before = DatabaseFingerprint.take();
        ExtractableResponse<Response> plan = onboard(Documents.scratch(k), true);
        assertEquals(200, plan.statusCode(), plan.asString());
        assertEquals(false, plan.path("applied"));
        assertEquals(10, (int) plan.path("summary.added"), "5 OPDs, 3 services, 1 rule, 1 holiday");
        assertEquals(List.of("ADDED"), plan.jsonPath().getList("items.action").stream().distinct().toList());
        assertEquals(List.of("OPD", "OPD", "OPD", "OPD", "OPD", "SERVICE", "SERVICE", "SERVICE", "ROUTING_RULE", "HOLIDAY"),
                plan.jsonPath().getList("items.kind"));
        assertEquals("LEGALISASI " + k, plan.jsonPath().getString("items[8].key"));
        assertEquals(before, DatabaseFingerprint.take(), "a dry run changes nothing");

        ExtractableResponse<Response> done = onboard(Documents.scratch(k), false);
        assertEquals(201, done.statusCode(), done.asString());
        assertEquals("/api/v1/kabupaten/" + k, java.net.URI.create(done.header("Location")).getPath());
        assertEquals(true, done.path("applied"));
        long operator = TestAccounts.account(id.go.layanandesa.common.security.Role.OPERATOR, null, null, null).id;
        assertEquals(operator, Db.count("select onboarded_by from tenant where kabupaten_code = ?1", k));
        assertEquals(5L, Db.count("select count(*) from opd o join opd_queue_state q on q.opd_id = o.id where o.kabupaten_code = ?1", k));
        assertEquals(3L, Db.count("select count(*) from service_type t join service_type_version v on v.service_type_id = t.id and v.version = 1 "
                + "where t.kabupaten_code = ?1 and t.version = 1", k));
        assertEquals("ORGANISASI", Db.single("select code from opd where kabupaten_code = ?1 and triage", k));
        assertEquals(1L, Db.count("select count(*) from routing_rule where kabupaten_code = ?1 and opd_kind = 'KECAMATAN' and opd_id is null", k));
        assertEquals(1L, Db.count("select count(*) from holiday where kabupaten_code = ?1", k));

        Map<String, String> onboarded = DatabaseFingerprint.take();
        onboard(Documents.scratch(k), false).response().then().statusCode(409).body("code", is("ALREADY_ONBOARDED"));
        assertEquals(onboarded, DatabaseFingerprint.take());

        given().auth().oauth2(TestAccounts.operator()).get("/api/v1/kabupaten/" + k).then().statusCode(200)
                .body("code", is(k)).body("name", is("Kabupaten Uji " + k)).body("admins", is(0)).body("usernamePrefix", is("8501."));
        given().auth().oauth2(TestAccounts.operator()).queryParam("limit", 100).get("/api/v1/kabupaten").then().statusCode(200)
                .body("items.code", hasItems("73.24", k));
        given().auth().oauth2(TestAccounts.operator()).get("/api/v1/kabupaten/85.98").then().statusCode(404);
    }

    @Test
    @OffContractRequests("documents that break the schema on purpose")
    void aKabupatenOutsideTheRegionListOrABadDocumentIsOneProblemListingEveryViolation() {
        ExtractableResponse<Response> unknown = onboard(Documents.scratch("85.97"), false);
        assertEquals(400, unknown.statusCode(), unknown.asString());
        assertTrue(unknown.jsonPath().getList("violations.field").contains("kabupaten"), unknown.asString());

        String k = ScratchKabupaten.regionsOnly("85.02");
        ObjectNode doc = Documents.tree(Documents.scratch(k));
        doc.put("formatVersion", 2);
        ArrayNode opds = (ArrayNode) doc.get("opds");
        ((ObjectNode) opds.get(0)).put("code", "camat dua");
        ((ObjectNode) opds.get(1)).put("code", "DISDUKCAPIL");
        ((ObjectNode) opds.get(3)).put("triage", false);
        ((ObjectNode) opds.get(4)).put("regionCode", "73.24.04");
        ArrayNode catalog = (ArrayNode) doc.get("catalog");
        ((ObjectNode) catalog.get(0)).put("defaultOpd", "DINKES");
        ((ObjectNode) catalog.get(0).get("documents").get(0)).putArray("alternatives").add("SURAT_KETERANGAN_LAHIR");
        ((ObjectNode) catalog.get(1).get("documents").get(1).get("requiredWhen")).put("field", "keterangan");
        ((ObjectNode) catalog.get(2)).put("timeLimitDays", 0);
        ArrayNode rules = (ArrayNode) doc.get("routingRules");
        ((ObjectNode) rules.get(0)).put("opd", "CAMAT_SATU");
        rules.addObject().put("service", "LEGALISASI").put("area", k).put("opd", "ORGANISASI");
        rules.addObject().put("service", "KTP_BARU").put("area", "73.24.04").put("opd", "ORGANISASI");
        ((ArrayNode) doc.get("holidays")).addObject().put("date", "2026-12-25").put("name", "Natal lagi");
        Map<String, String> before = DatabaseFingerprint.take();

        ExtractableResponse<Response> r = onboard(Documents.text(doc), false);
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("VALIDATION_FAILED", r.path("code"));
        assertEquals(List.of(
                "catalog[0].defaultOpd",
                "catalog[0].documents[0].alternatives[0]",
                "catalog[1].documents[1].requiredWhen.field",
                "catalog[2].timeLimitDays",
                "formatVersion",
                "holidays[1].date",
                "opds",
                "opds[0].code",
                "opds[2].code",
                "opds[4].regionCode",
                "routingRules[0].opd",
                "routingRules[1]",
                "routingRules[2].area",
                "routingRules[2].service"), r.jsonPath().getList("violations.field"), r.asString());
        assertEquals(before, DatabaseFingerprint.take(), "nothing of a wrong document is kept");
        assertEquals(0L, Db.count("select count(*) from tenant where kabupaten_code = ?1", k));
    }

    @Test
    void theOperatorMakesTheFirstAdminWhoSetsTheirOwnPasswordBeforeAnythingElse() {
        String k = ScratchKabupaten.regionsOnly("85.03");
        onboard(Documents.scratch(k), false).response().then().statusCode(201);
        String operator = TestAccounts.operator();
        ExtractableResponse<Response> created = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("username", "admin.organisasi", "displayName", "Admin Bagian Organisasi"))
                .post("/api/v1/kabupaten/" + k + "/admins").then().extract();
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals("8503.admin.organisasi", created.path("account.username"));
        assertEquals("ADMIN", created.path("account.role"));
        assertEquals(k, created.path("account.kabupatenCode"));
        assertEquals(true, created.path("account.passwordChangeRequired"));
        String secret = created.path("oneTimePassword");
        assertTrue(secret.length() >= 16, secret);
        long id = ((Number) created.path("account.id")).longValue();
        String hash = (String) Db.single("select password_hash from account where id = ?1", id);
        assertFalse(hash.contains(secret), "the secret is not kept in the clear");

        String token = login("8503.admin.organisasi", secret).then().statusCode(200)
                .body("account.passwordChangeRequired", is(true)).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/v1/opds").then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("username", "x1", "displayName", "X", "role", "VIEWER",
                "password", "Rahasia2026x")).post("/api/v1/accounts").then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("passwordChangeRequired", is(true)).body("capabilities", empty()).body("kabupatenCode", is(k));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", "Salah2026sandi", "newPassword", "Organisasi2026baru"))
                .post("/api/v1/me/password").then().statusCode(400).body("violations.field", contains("currentPassword"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", secret, "newPassword", "pendek"))
                .post("/api/v1/me/password").then().statusCode(400).body("violations.field", everyItem(is("newPassword")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPassword", secret, "newPassword", "Organisasi2026baru"))
                .post("/api/v1/me/password").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/opds").then().statusCode(200).body("code", hasItems("CAMAT_SATU", "ORGANISASI"));
        login("8503.admin.organisasi", secret).then().statusCode(401);

        given().auth().oauth2(operator).get("/api/v1/kabupaten/" + k + "/admins").then().statusCode(200)
                .body("items.username", contains("8503.admin.organisasi")).body("items[0].passwordChangeRequired", is(false));
        int version = ((Number) Db.single("select version from account where id = ?1", id)).intValue();
        given().auth().oauth2(operator).header("If-Match", "\"" + version + "\"").post("/api/v1/kabupaten/" + k + "/admins/" + id + "/disable")
                .then().statusCode(200).body("enabled", is(false)).header("ETag", "\"" + (version + 1) + "\"");
        given().auth().oauth2(token).get("/api/v1/opds").then().statusCode(401);
        given().auth().oauth2(operator).header("If-Match", "\"" + (version + 1) + "\"").post("/api/v1/kabupaten/" + k + "/admins/" + id + "/enable")
                .then().statusCode(200).body("enabled", is(true)).header("ETag", "\"" + (version + 2) + "\"");
        login("8503.admin.organisasi", "Organisasi2026baru").then().statusCode(200).body("account.passwordChangeRequired", is(false));
        given().auth().oauth2(operator).get("/api/v1/kabupaten/" + k).then().body("admins", is(1));

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("username", "admin.organisasi", "displayName", "Lagi"))
                .post("/api/v1/kabupaten/" + k + "/admins").then().statusCode(409).body("code", is("USERNAME_TAKEN"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("username", "admin.lain", "displayName", "Lain"))
                .post("/api/v1/kabupaten/85.96/admins").then().statusCode(404);
        // an admin of a kabupaten is not an operator's to change through another kabupaten
        given().auth().oauth2(operator).header("If-Match", "\"0\"").post("/api/v1/kabupaten/73.24/admins/" + id + "/disable").then().statusCode(404);
    }

    @Test
    void usernamesOfOneKabupatenTellAnAdminNothingOfAnother() {
        OtherKabupaten.ensure();
        String luwuTimur = TestAccounts.admin("73.24");
        String luwuUtara = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        String name = "petugas.sama." + System.nanoTime() % 100_000;
        Map<String, Object> body = Map.of("username", name, "displayName", "Petugas", "role", "VIEWER", "password", "Petugas2026sama");
        given().auth().oauth2(luwuTimur).contentType(ContentType.JSON).body(body).post("/api/v1/accounts").then().statusCode(201)
                .body("username", is("7324." + name));
        given().auth().oauth2(luwuUtara).contentType(ContentType.JSON).body(body).post("/api/v1/accounts").then().statusCode(201)
                .body("username", is("7322." + name));
        // a name with another kabupaten's prefix is still one of the admin's own
        Map<String, Object> disguised = Map.of("username", "7324." + name, "displayName", "Petugas", "role", "VIEWER", "password", "Petugas2026sama");
        given().auth().oauth2(luwuUtara).contentType(ContentType.JSON).body(disguised).post("/api/v1/accounts").then().statusCode(201)
                .body("username", is("7322.7324." + name));
        given().auth().oauth2(luwuTimur).contentType(ContentType.JSON).body(body).post("/api/v1/accounts").then().statusCode(409)
                .body("code", is("USERNAME_TAKEN"));
    }

    @Test
    @OffContractRequests("an operator's calls that its role may not make")
    void anOperatorSeesNoCitizensDataAndKeepsNoKabupatensAccounts() {
        String operator = TestAccounts.operator();
        for (String path : List.of("/api/v1/requests", "/api/v1/queue", "/api/v1/accounts", "/api/v1/opds", "/api/v1/service-types")) {
            given().auth().oauth2(operator).get(path).then().statusCode(403).body("code", is("FORBIDDEN"));
        }
        given().auth().oauth2(operator).get("/api/v1/me").then().statusCode(200).body("role", is("OPERATOR"))
                .body("$", not(hasKey("kabupatenCode")))
                .body("capabilities", containsInAnyOrder("MANAGE_INSTALLATION", "MANAGE_CONFIGURATION", "VIEW_AUDIT_TRAIL"));
    }
}
