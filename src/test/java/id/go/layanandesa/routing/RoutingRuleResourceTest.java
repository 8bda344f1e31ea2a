package id.go.layanandesa.routing;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class RoutingRuleResourceTest {

    static long serviceType(String code) {
        return QuarkusTransaction.requiringNew().call(() ->
                ServiceType.<ServiceType>find("kabupatenCode = ?1 and code = ?2", "73.24", code).firstResult().id);
    }

    static Map<String, Object> rule(Long serviceTypeId, String region, long opdId) {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceTypeId", serviceTypeId);
        body.put("regionCode", region);
        body.put("opdId", opdId);
        body.put("note", "uji");
        return body;
    }

    static ValidatableResponse post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/routing-rules").then();
    }

    @Test
    void adminCreatesListsAndDeletesARuleAndFilingWouldFollowIt() {
        String admin = TestAccounts.admin("73.24");
        long bencana = serviceType("LAPOR_BENCANA");
        long camatNuha = TestAccounts.opd("73.24", "CAMAT_NUHA");
        var created = post(admin, rule(bencana, "73.24.02.2005", camatNuha))
                .statusCode(201)
                .body("serviceTypeId", is((int) bencana)).body("regionCode", is("73.24.02.2005")).body("opdId", is((int) camatNuha))
                .body("kabupatenCode", is("73.24"))
                .extract();
        long id = ((Number) created.path("id")).longValue();
        assertTrue(created.header("Location").endsWith("/api/v1/routing-rules/" + id));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> RoutingRule.findById(id)));

        given().auth().oauth2(TestAccounts.viewer("73.24")).queryParam("serviceTypeId", bencana).when().get("/api/v1/routing-rules")
                .then().statusCode(200).body("id", hasItem((int) id)).body("serviceTypeId", everyItem(is((int) bencana)));
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.02.2005")).when().get("/api/v1/routing-rules/" + id)
                .then().statusCode(200).body("note", is("uji"));
        given().auth().oauth2(TestAccounts.viewer("73.24")).queryParam("serviceTypeId", bencana).queryParam("desa", "73.24.02.2005")
                .when().get("/api/v1/routing/explain")
                .then().statusCode(200).body("opd.code", is("CAMAT_NUHA")).body("basis", is("RULE_SERVICE_DESA")).body("ruleId", is((int) id));

        given().auth().oauth2(admin).when().delete("/api/v1/routing-rules/" + id).then().statusCode(204);
        assertNull(QuarkusTransaction.requiringNew().call(() -> RoutingRule.findById(id)));
        given().auth().oauth2(admin).queryParam("serviceTypeId", bencana).queryParam("desa", "73.24.02.2005")
                .when().get("/api/v1/routing/explain")
                .then().statusCode(200).body("opd.code", is("BPBD")).body("basis", is("SERVICE_DEFAULT")).body("ruleId", nullValue());
        given().auth().oauth2(admin).when().delete("/api/v1/routing-rules/" + id).then().statusCode(404);
    }

    @Test
    void theSameServiceAndAreaTwiceIsADuplicate() {
        String admin = TestAccounts.admin("73.24");
        long legalisasi = serviceType("LEGALISASI");
        post(admin, rule(legalisasi, "73.24", TestAccounts.opd("73.24", "ORGANISASI")))
                .statusCode(409).body("code", is("DUPLICATE_RULE"));
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        long id = ((Number) post(admin, rule(null, "73.24.11.2001", dinsos)).statusCode(201).body("serviceTypeId", nullValue())
                .extract().path("id")).longValue();
        post(admin, rule(null, "73.24.11.2001", TestAccounts.opd("73.24", "DINKES"))).statusCode(409).body("code", is("DUPLICATE_RULE"));
        given().auth().oauth2(admin).when().delete("/api/v1/routing-rules/" + id).then().statusCode(204);
    }

    @Test
    void racingTwinsMakeOneRuleAndOneConflict() throws Exception {
        String admin = TestAccounts.admin("73.24");
        long dinkes = TestAccounts.opd("73.24", "DINKES");
        long survey = serviceType("DTKS_DAFTAR");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var start = new java.util.concurrent.CountDownLatch(1);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 4; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return post(admin, rule(survey, "73.24.09.2001", dinkes)).extract().statusCode();
            }));
        }
        start.countDown();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var f : futures) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() ->
                RoutingRule.count("serviceTypeId = ?1 and regionCode = ?2", survey, "73.24.09.2001")));
        QuarkusTransaction.requiringNew().run(() -> RoutingRule.delete("serviceTypeId = ?1 and regionCode = ?2", survey, "73.24.09.2001"));
    }

    @Test
    @OffContractRequests("a rule without an OPD")
    void anotherKabupatensServiceOpdOrAreaIsAViolation() {
        OtherKabupaten.ensure();
        String admin = TestAccounts.admin("73.24");
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        long ktp = serviceType("KTP_BARU");
        post(admin, rule(OtherKabupaten.serviceType("KTP_BARU"), "73.24.04", dinsos))
                .statusCode(400).body("violations.field", contains("serviceTypeId"));
        post(admin, rule(ktp, "73.24.04", OtherKabupaten.opd("DISDUKCAPIL")))
                .statusCode(400).body("violations.field", contains("opdId"));
        for (String region : new String[]{OtherKabupaten.DESA, "73", "73.24.04.9999", "bukan"}) {
            post(admin, rule(ktp, region, dinsos)).statusCode(400).body("violations.field", contains("regionCode"));
        }
        Map<String, Object> noOpd = rule(ktp, "73.24.04", dinsos);
        noOpd.remove("opdId");
        post(admin, noOpd).statusCode(400).body("violations.field", contains("opdId"));
    }

    @Test
    void onlyAdminsWriteAndOtherKabupatenSeeNothing() {
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        post(TestAccounts.viewer("73.24"), rule(null, "73.24.10", dinsos)).statusCode(403);
        post(TestAccounts.opdOfficer(dinsos), rule(null, "73.24.10", dinsos)).statusCode(403);
        long ruleId = QuarkusTransaction.requiringNew().call(() ->
                RoutingRule.<RoutingRule>find("kabupatenCode = ?1 order by id", "73.24").firstResult().id);
        given().auth().oauth2(TestAccounts.viewer("73.24")).when().delete("/api/v1/routing-rules/" + ruleId).then().statusCode(403);
        OtherKabupaten.ensure();
        String otherAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/routing-rules/" + ruleId).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().delete("/api/v1/routing-rules/" + ruleId).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/routing-rules")
                .then().statusCode(200).body("kabupatenCode", everyItem(is(OtherKabupaten.KABUPATEN)));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> RoutingRule.findById(ruleId)));
    }

    @Test
    @OffContractRequests("an explanation without its required parameters")
    void explainIsForAdminsAndViewersAndChecksItsParameters() {
        long legalisasi = serviceType("LEGALISASI");
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).queryParam("serviceTypeId", legalisasi).queryParam("desa", "73.24.04.2001")
                .when().get("/api/v1/routing/explain").then().statusCode(403);
        String admin = TestAccounts.admin("73.24");
        given().auth().oauth2(admin).queryParam("serviceTypeId", legalisasi).queryParam("desa", "73.24.04.2001")
                .when().get("/api/v1/routing/explain")
                .then().statusCode(200).body("opd.code", is("CAMAT_MALILI")).body("opd.name", is("Kantor Camat Malili"))
                .body("basis", is("RULE_SERVICE_KABUPATEN")).body("ruleId", notNullValue())
                // the rule that matched, whole: relative, so the OPD above is the one of its kind that serves the desa
                .body("rule.id", is((Integer) given().auth().oauth2(admin).queryParam("serviceTypeId", legalisasi).queryParam("desa", "73.24.04.2001")
                        .when().get("/api/v1/routing/explain").path("ruleId")))
                .body("rule.opdKind", is("KECAMATAN")).body("rule.regionCode", is("73.24")).body("rule", not(hasKey("opdId")));
        given().auth().oauth2(admin).queryParam("serviceTypeId", legalisasi).queryParam("desa", "73.24.04")
                .when().get("/api/v1/routing/explain").then().statusCode(400).body("violations.field", contains("desa"));
        given().auth().oauth2(admin).queryParam("desa", "73.24.04.2001")
                .when().get("/api/v1/routing/explain").then().statusCode(400).body("violations.field", contains("serviceTypeId"));
        OtherKabupaten.ensure();
        given().auth().oauth2(admin).queryParam("serviceTypeId", OtherKabupaten.serviceType("KTP_BARU")).queryParam("desa", OtherKabupaten.DESA)
                .when().get("/api/v1/routing/explain").then().statusCode(400).body("violations.field", containsInAnyOrder("serviceTypeId", "desa"));
    }
}
