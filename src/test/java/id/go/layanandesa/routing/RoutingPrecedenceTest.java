package id.go.layanandesa.routing;

import id.go.layanandesa.support.NewServiceType;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * The precedence table, through the API an admin uses: each level wins over every level below it, and taking
 * a level's rule away hands the request to the next level.
 */
@QuarkusTest
class RoutingPrecedenceTest {

    record Level(String basis, String ruleRegion, boolean serviceSpecific) {
    }

    /** In order of precedence; the last two have no rule: the service's default OPD and triage. */
    static List<Level> levels(String k) {
        return List.of(
                new Level("RULE_SERVICE_DESA", k + ".01.2001", true),
                new Level("RULE_SERVICE_KECAMATAN", k + ".01", true),
                new Level("RULE_SERVICE_KABUPATEN", k, true),
                new Level("RULE_ALL_DESA", k + ".01.2001", false),
                new Level("RULE_ALL_KECAMATAN", k + ".01", false),
                new Level("RULE_ALL_KABUPATEN", k, false),
                new Level("SERVICE_DEFAULT", null, false),
                new Level("TRIAGE", null, false));
    }

    static long createOpd(String admin, String code, boolean triage) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "OPD " + code);
        body.put("kind", "DINAS");
        body.put("triage", triage);
        return ((Number) given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).when().post("/api/v1/opds")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    static long createServiceType(String admin, String code, long defaultOpd) {
        return NewServiceType.of(code, defaultOpd).createdBy(admin);
    }

    static long createRule(String admin, Long serviceTypeId, String region, long opdId) {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceTypeId", serviceTypeId);
        body.put("regionCode", region);
        body.put("opdId", opdId);
        return ((Number) given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).when().post("/api/v1/routing-rules")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    /** One OPD per level (OPD_0 .. OPD_7, the last the triage), a service defaulting to OPD_6, a rule per rule level. */
    record Setup(String admin, long serviceType, List<Long> opds, List<Long> rules, String desa) {
    }

    static Setup setUp(String kabupaten) {
        ScratchKabupaten.ensure(kabupaten);
        String admin = TestAccounts.admin(kabupaten);
        String prefix = "L" + kabupaten.replace(".", "") + "_";
        List<Level> levels = levels(kabupaten);
        List<Long> opds = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            opds.add(createOpd(admin, prefix + i, i == levels.size() - 1));
        }
        long service = createServiceType(admin, prefix + "SVC", opds.get(6));
        List<Long> rules = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Level level = levels.get(i);
            rules.add(createRule(admin, level.serviceSpecific() ? service : null, level.ruleRegion(), opds.get(i)));
        }
        return new Setup(admin, service, opds, rules, kabupaten + ".01.2001");
    }

    static io.restassured.response.ValidatableResponse explain(Setup s) {
        return given().auth().oauth2(s.admin()).queryParam("serviceTypeId", s.serviceType()).queryParam("desa", s.desa())
                .when().get("/api/v1/routing/explain").then().statusCode(200);
    }

    /** The admin makes the OPD inactive, as an OPD that no longer receives requests. */
    static void deactivate(Setup s, long opd) {
        int version = given().auth().oauth2(s.admin()).when().get("/api/v1/opds/" + opd).then().extract().path("version");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "OPD nonaktif");
        body.put("kind", "DINAS");
        body.put("active", false);
        body.put("triage", false);
        given().auth().oauth2(s.admin()).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(body)
                .when().put("/api/v1/opds/" + opd).then().statusCode(200);
    }

    @Test
    void eachLevelWinsOverTheNextAndRemovingItHandsOverToTheNext() {
        Setup s = setUp("86.03");
        List<Level> levels = levels("86.03");
        for (int i = 0; i < levels.size(); i++) {
            Long expectedRule = i < 6 ? s.rules().get(i) : null;
            explain(s)
                    .body("basis", is(levels.get(i).basis()))
                    .body("opd.id", is(s.opds().get(i).intValue()))
                    .body("opd.code", is("L8603_" + i))
                    .body("ruleId", expectedRule == null ? nullValue() : is(expectedRule.intValue()));
            if (i < 6) {
                given().auth().oauth2(s.admin()).when().delete("/api/v1/routing-rules/" + s.rules().get(i)).then().statusCode(204);
            } else if (i == 6) {
                // the default OPD goes inactive: triage takes over
                deactivate(s, s.opds().get(6));
            }
        }
    }

    @Test
    void aRuleWhoseOpdIsInactiveIsPassedOver() {
        Setup s = setUp("86.04");
        for (int inactive : new int[]{0, 1}) {
            deactivate(s, s.opds().get(inactive));
        }
        explain(s).body("basis", is("RULE_SERVICE_KABUPATEN")).body("opd.id", is(s.opds().get(2).intValue()))
                .body("ruleId", is(s.rules().get(2).intValue()));
    }

    @Test
    void aRuleForAnotherDesaOrKecamatanDoesNotApply() {
        Setup s = setUp("86.05");
        // the same rules seen from a desa of the other kecamatan: only the kabupaten-wide ones match
        given().auth().oauth2(s.admin()).queryParam("serviceTypeId", s.serviceType()).queryParam("desa", "86.05.02.2001")
                .when().get("/api/v1/routing/explain")
                .then().statusCode(200).body("basis", is("RULE_SERVICE_KABUPATEN")).body("opd.id", is(s.opds().get(2).intValue()));
        // from a sibling desa of the same kecamatan: the kecamatan rule
        given().auth().oauth2(s.admin()).queryParam("serviceTypeId", s.serviceType()).queryParam("desa", "86.05.01.2002")
                .when().get("/api/v1/routing/explain")
                .then().statusCode(200).body("basis", is("RULE_SERVICE_KECAMATAN")).body("opd.id", is(s.opds().get(1).intValue()));
    }
}
