package id.go.layanandesa.routing;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * A relative rule names a kind of OPD instead of an OPD: the active OPD of that kind whose area contains the desa takes
 * the request. One rule replaces one rule per kecamatan; the explanation names the rule and the OPD it stood for.
 */
@QuarkusTest
class RelativeRoutingTest {

    static final String K = "85.21";

    static ValidatableResponse post(String admin, String path, Map<String, Object> body) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post(path).then();
    }

    static long id(ValidatableResponse r) {
        return ((Number) r.statusCode(201).extract().path("id")).longValue();
    }

    static Map<String, Object> opd(String code, String kind, String region) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "Uji " + code, "kind", kind, "triage", code.equals("ORGANISASI")));
        if (region != null) {
            body.put("regionCode", region);
        }
        return body;
    }

    static ValidatableResponse explain(String admin, long service, String desa) {
        return given().auth().oauth2(admin).queryParam("serviceTypeId", service).queryParam("desa", desa).get("/api/v1/routing/explain").then();
    }

    @Test
    @OffContractRequests("rules that name both or neither of an OPD and a kind")
    void oneRuleSendsEachDesaToTheOpdOfItsKindThatServesIt() {
        ScratchKabupaten.ensure(K);
        String admin = TestAccounts.admin(K);
        id(post(admin, "/api/v1/opds", opd("ORGANISASI", "BAGIAN", null)));
        long dinkes = id(post(admin, "/api/v1/opds", opd("DINKES", "DINAS", null)));
        long pkmSatu = id(post(admin, "/api/v1/opds", opd("PKM_SATU", "UPT", K + ".01")));
        id(post(admin, "/api/v1/opds", opd("UPTD_PENDIDIKAN_SATU", "UPT", K + ".01")));
        long pkmPustu = id(post(admin, "/api/v1/opds", opd("PKM_PUSTU_DUA", "UPT", K + ".01.2002")));
        long service = id(post(admin, "/api/v1/service-types", Map.of("code", "RUJUKAN", "name", "Rujukan", "defaultOpdId", dinkes,
                "timeLimitDays", 3, "fee", 0)));

        Map<String, Object> rule = new HashMap<>(Map.of("serviceTypeId", service, "regionCode", K, "opdKind", "UPT", "opdCodePrefix", "PKM_",
                "note", "Puskesmas yang melayani desa"));
        long ruleId = id(post(admin, "/api/v1/routing-rules", rule).body("opdKind", is("UPT")).body("opdCodePrefix", is("PKM_"))
                .body("$", not(hasKey("opdId"))));

        // the kecamatan's Puskesmas, not the other UPT of the kecamatan
        explain(admin, service, K + ".01.2001").statusCode(200).body("opd.id", is((int) pkmSatu)).body("basis", is("RULE_SERVICE_KABUPATEN"))
                .body("ruleId", is((int) ruleId)).body("rule.id", is((int) ruleId)).body("rule.opdKind", is("UPT"))
                .body("rule.note", is("Puskesmas yang melayani desa"));
        // an OPD of the desa itself comes before the one of its kecamatan
        explain(admin, service, K + ".01.2002").statusCode(200).body("opd.id", is((int) pkmPustu));
        // kecamatan .02 has no Puskesmas: the rule stands for nothing there, and the service's default takes it
        explain(admin, service, K + ".02.2001").statusCode(200).body("opd.id", is((int) dinkes)).body("basis", is("SERVICE_DEFAULT"))
                .body("$", not(hasKey("rule")));
        // an inactive Puskesmas is passed over like an inactive OPD of an absolute rule
        Db.exec("update opd set active = false where id = ?1", pkmSatu);
        try {
            explain(admin, service, K + ".01.2001").statusCode(200).body("opd.id", is((int) dinkes));
        } finally {
            Db.exec("update opd set active = true where id = ?1", pkmSatu);
        }
        // filing routes the same way
        given().auth().oauth2(TestAccounts.desaOfficer(K + ".01.2001")).contentType(ContentType.JSON)
                .body(Map.of("serviceTypeId", service, "citizen", Map.of("nik", "7324044107900001", "name", "Siti Rahmawati")))
                .post("/api/v1/requests").then().statusCode(201).body("opd.code", is("PKM_SATU"));

        // a rule names an OPD or a kind, never both or neither; a prefix narrows a kind
        long before = Db.count("select count(*) from routing_rule where kabupaten_code = ?1", K);
        post(admin, "/api/v1/routing-rules", Map.of("regionCode", K + ".02", "opdId", dinkes, "opdKind", "UPT")).statusCode(400)
                .body("violations.field", contains("opdId"));
        post(admin, "/api/v1/routing-rules", Map.of("regionCode", K + ".02")).statusCode(400).body("violations.field", contains("opdId"));
        post(admin, "/api/v1/routing-rules", Map.of("regionCode", K + ".02", "opdId", dinkes, "opdCodePrefix", "PKM_")).statusCode(400)
                .body("violations.field", contains("opdCodePrefix"));
        post(admin, "/api/v1/routing-rules", Map.of("regionCode", K + ".02", "opdKind", "UPT", "opdCodePrefix", "pkm")).statusCode(400)
                .body("violations.field", contains("opdCodePrefix"));
        // a relative rule takes the place of an absolute one for the same service and area
        post(admin, "/api/v1/routing-rules", Map.of("serviceTypeId", service, "regionCode", K, "opdId", dinkes)).statusCode(409)
                .body("code", is("DUPLICATE_RULE"));
        org.junit.jupiter.api.Assertions.assertEquals(before, Db.count("select count(*) from routing_rule where kabupaten_code = ?1", K));
        given().auth().oauth2(admin).get("/api/v1/routing-rules").then().statusCode(200)
                .body("find { it.id == " + ruleId + " }.opdKind", is("UPT"));
    }
}
