package id.go.layanandesa.kabupaten;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.go.layanandesa.support.DatabaseFingerprint;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Documents;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** A kabupaten's configuration as one document: exported as applied, applied again without change, changed item by item. */
@QuarkusTest
class ConfigurationTest {

    /** A scratch kabupaten onboarded from {@link Documents#scratch}, with its admin. */
    static String onboarded(String k) {
        ScratchKabupaten.regionsOnly(k);
        Tenants.onboard(k, Documents.scratch(k));
        return k;
    }

    static ExtractableResponse<Response> apply(String token, String k, String document, boolean dryRun) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).queryParam("dryRun", dryRun).body(document)
                .put("/api/v1/kabupaten/" + k + "/configuration").then().extract();
    }

    static String export(String token, String k) {
        return given().auth().oauth2(token).get("/api/v1/kabupaten/" + k + "/configuration").then().statusCode(200).extract().asString();
    }

    /** "KIND key" → action, for every item of a plan. */
    static Map<String, String> actions(ExtractableResponse<Response> plan) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> items = plan.jsonPath().getList("items");
        items.forEach(i -> result.put(i.get("kind") + " " + i.get("key"), (String) i.get("action")));
        return result;
    }

    @Test
    void theExportIsTheDocumentAppliedAndApplyingItAgainChangesNothing() {
        String k = onboarded("85.05");
        String admin = TestAccounts.admin(k);
        assertEquals(Documents.tree(Documents.scratch(k)), Documents.tree(export(admin, k)), "export gives back what was applied");

        Map<String, String> before = DatabaseFingerprint.take();
        ExtractableResponse<Response> again = apply(admin, k, Documents.scratch(k), false);
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(true, again.path("applied"));
        assertEquals(List.of("UNCHANGED"), again.jsonPath().getList("items.action").stream().distinct().toList());
        assertEquals(10, (int) again.path("summary.unchanged"));
        assertEquals(before, DatabaseFingerprint.take(), "the same document twice changes nothing, not even a catalog version");
        // the operator may do the same
        apply(TestAccounts.operator(), k, Documents.scratch(k), false).response().then().statusCode(200).body("summary.unchanged", is(10));
    }

    @Test
    void aChangedDocumentChangesWhatDiffersAndVersionsOnlyTheServicesThatChanged() {
        String k = onboarded("85.06");
        String admin = TestAccounts.admin(k);
        ObjectNode doc = Documents.tree(Documents.scratch(k));
        ArrayNode opds = (ArrayNode) doc.get("opds");
        ((ObjectNode) opds.get(1)).put("name", "Kantor Camat Kecamatan Satu");
        ((ObjectNode) opds.get(2)).put("triage", true);
        ((ObjectNode) opds.get(3)).put("triage", false);
        opds.addObject().put("code", "PKM_DUA").put("name", "UPT Puskesmas Dua").put("kind", "UPT").put("regionCode", k + ".02")
                .put("active", true).put("triage", false);
        ArrayNode catalog = (ArrayNode) doc.get("catalog");
        ((ObjectNode) catalog.get(1)).put("timeLimitDays", 7);
        ObjectNode rujukan = catalog.addObject();
        rujukan.put("code", "RUJUKAN").put("name", "Rujukan Puskesmas").put("defaultOpd", "DISDUKCAPIL").put("timeLimitDays", 3)
                .put("fee", 0).put("open", true);
        rujukan.putArray("documents");
        rujukan.putArray("fields");
        ((ObjectNode) ((ArrayNode) doc.get("routingRules")).get(0)).put("note", "Ke kantor camat desa pemohon");
        ((ArrayNode) doc.get("routingRules")).addObject().put("service", "RUJUKAN").put("area", k).put("opdKind", "UPT")
                .put("opdCodePrefix", "PKM_").put("note", "Puskesmas kecamatan desa");
        ArrayNode holidays = (ArrayNode) doc.get("holidays");
        holidays.removeAll();
        holidays.addObject().put("date", "2027-01-01").put("name", "Tahun Baru 2027 Masehi");

        Map<String, String> before = DatabaseFingerprint.take();
        ExtractableResponse<Response> dry = apply(admin, k, Documents.text(doc), true);
        assertEquals(200, dry.statusCode(), dry.asString());
        assertEquals(before, DatabaseFingerprint.take(), "a dry run changes nothing");

        ExtractableResponse<Response> plan = apply(admin, k, Documents.text(doc), false);
        assertEquals(200, plan.statusCode(), plan.asString());
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("OPD CAMAT_DUA", "UNCHANGED");
        expected.put("OPD CAMAT_SATU", "CHANGED");
        expected.put("OPD DISDUKCAPIL", "CHANGED");
        expected.put("OPD ORGANISASI", "CHANGED");
        expected.put("OPD PKM_DUA", "ADDED");
        expected.put("OPD PKM_SATU", "UNCHANGED");
        expected.put("SERVICE AKTA_KELAHIRAN", "UNCHANGED");
        expected.put("SERVICE KTP_HILANG", "CHANGED");
        expected.put("SERVICE LEGALISASI", "UNCHANGED");
        expected.put("SERVICE RUJUKAN", "ADDED");
        expected.put("ROUTING_RULE LEGALISASI " + k, "CHANGED");
        expected.put("ROUTING_RULE RUJUKAN " + k, "ADDED");
        expected.put("HOLIDAY 2026-12-25", "REMOVED");
        expected.put("HOLIDAY 2027-01-01", "ADDED");
        assertEquals(expected, actions(plan), dry.asString());
        assertEquals(actions(dry), actions(plan), "the dry run said what applying does");
        assertEquals(List.of("timeLimitDays"), plan.jsonPath().getList("items.find { it.key == 'KTP_HILANG' }.changes"));
        assertEquals("version 2", plan.jsonPath().getString("items.find { it.key == 'KTP_HILANG' }.detail"));
        assertEquals(List.of("triage"), plan.jsonPath().getList("items.find { it.key == 'DISDUKCAPIL' }.changes"));

        assertEquals(2L, Db.count("select version from service_type where kabupaten_code = ?1 and code = 'KTP_HILANG'", k));
        assertEquals(1L, Db.count("select version from service_type where kabupaten_code = ?1 and code = 'AKTA_KELAHIRAN'", k));
        assertEquals(2L, Db.count("select count(*) from service_type_version v join service_type t on t.id = v.service_type_id "
                + "where t.kabupaten_code = ?1 and t.code = 'KTP_HILANG'", k));
        assertEquals("DISDUKCAPIL", Db.single("select code from opd where kabupaten_code = ?1 and triage", k));
        assertEquals(Documents.tree(Documents.text(sorted(doc))), Documents.tree(export(admin, k)));

        // the new relative rule sends a request from a desa of kecamatan .02 to the Puskesmas there
        long rujukanId = Db.serviceType(k, "RUJUKAN");
        given().auth().oauth2(admin).queryParam("serviceTypeId", rujukanId).queryParam("desa", k + ".02.2001").get("/api/v1/routing/explain")
                .then().statusCode(200).body("opd.code", is("PKM_DUA")).body("rule.opdKind", is("UPT")).body("rule.opdCodePrefix", is("PKM_"));
    }

    /** The document as the export orders it: OPDs and services by code. */
    static ObjectNode sorted(ObjectNode doc) {
        for (String list : List.of("opds", "catalog")) {
            List<com.fasterxml.jackson.databind.JsonNode> items = new java.util.ArrayList<>();
            doc.get(list).forEach(items::add);
            items.sort(java.util.Comparator.comparing(n -> n.get("code").asText()));
            ((ArrayNode) doc.get(list)).removeAll().addAll(items);
        }
        return doc;
    }

    @Test
    void whatRequestsReferToIsDeactivatedOrClosedNeverDeleted() {
        String k = onboarded("85.07");
        String admin = TestAccounts.admin(k);
        String officer = TestAccounts.desaOfficer(k + ".01.2001");
        long akta = Db.serviceType(k, "AKTA_KELAHIRAN");
        Object request = given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("serviceTypeId", akta,
                        "citizen", Map.of("nik", "7324044107900001", "name", "Siti Rahmawati"),
                        "answers", Map.of("nama_bayi", "Aminah"),
                        "documents", List.of(Map.of("code", "SPTJM_KELAHIRAN", "provision", "ON_PAPER"), Map.of("code", "KK", "provision", "ON_PAPER"))))
                .post("/api/v1/requests").then().statusCode(201).body("opd.code", is("DISDUKCAPIL")).extract().path("id");

        ObjectNode doc = Documents.tree(Documents.scratch(k));
        ArrayNode opds = (ArrayNode) doc.get("opds");
        opds.remove(4); // PKM_SATU: nothing refers to it
        opds.remove(2); // DISDUKCAPIL: holds the request
        ArrayNode catalog = (ArrayNode) doc.get("catalog");
        catalog.remove(1); // KTP_HILANG: nothing was filed under it
        catalog.remove(0); // AKTA_KELAHIRAN: the request was filed under it
        ExtractableResponse<Response> plan = apply(admin, k, Documents.text(doc), false);
        assertEquals(200, plan.statusCode(), plan.asString());
        Map<String, String> actions = actions(plan);
        assertEquals("REMOVED", actions.get("OPD DISDUKCAPIL"));
        assertEquals("REMOVED", actions.get("OPD PKM_SATU"));
        assertEquals("REMOVED", actions.get("SERVICE AKTA_KELAHIRAN"));
        assertEquals("REMOVED", actions.get("SERVICE KTP_HILANG"));
        assertThat(plan.jsonPath().getString("items.find { it.key == 'DISDUKCAPIL' }.detail"), startsWith("deactivated"));
        assertThat(plan.jsonPath().getString("items.find { it.key == 'AKTA_KELAHIRAN' }.detail"), startsWith("closed for filing"));
        assertEquals("deleted", plan.jsonPath().getString("items.find { it.key == 'PKM_SATU' }.detail"));

        assertEquals(Boolean.FALSE, Db.single("select active from opd where kabupaten_code = ?1 and code = 'DISDUKCAPIL'", k));
        assertEquals(0L, Db.count("select count(*) from opd where kabupaten_code = ?1 and code = 'PKM_SATU'", k));
        assertEquals(Boolean.FALSE, Db.single("select open from service_type where id = ?1", akta));
        assertEquals(2L, Db.count("select version from service_type where id = ?1", akta), "closing is a new version");
        assertEquals(0L, Db.count("select count(*) from service_type where kabupaten_code = ?1 and code = 'KTP_HILANG'", k));
        given().auth().oauth2(officer).get("/api/v1/requests/" + request).then().statusCode(200).body("opd.code", is("DISDUKCAPIL"));

        Map<String, String> before = DatabaseFingerprint.take();
        ExtractableResponse<Response> again = apply(admin, k, Documents.text(doc), false);
        assertEquals(List.of("UNCHANGED"), again.jsonPath().getList("items.action").stream().distinct().toList(), again.asString());
        assertEquals(before, DatabaseFingerprint.take());
        String exported = export(admin, k);
        assertEquals(false, io.restassured.path.json.JsonPath.from(exported).getBoolean("opds.find { it.code == 'DISDUKCAPIL' }.active"));
        assertEquals(false, io.restassured.path.json.JsonPath.from(exported).getBoolean("catalog.find { it.code == 'AKTA_KELAHIRAN' }.open"));
    }

    @Test
    void anAdminConfiguresOnlyTheirOwnKabupatenAndTheDocumentMustNameIt() {
        String k = onboarded("85.08");
        OtherKabupaten.ensure();
        String other = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        String own = TestAccounts.admin(k);
        Map<String, String> before = DatabaseFingerprint.take();
        given().auth().oauth2(other).get("/api/v1/kabupaten/" + k + "/configuration").then().statusCode(404);
        apply(other, k, Documents.scratch(k), false).response().then().statusCode(404);
        apply(own, k, Documents.scratch("85.05"), false).response().then().statusCode(400)
                .body("violations.field", hasItem("kabupaten"));
        assertEquals(before, DatabaseFingerprint.take());
        given().auth().oauth2(TestAccounts.operator()).get("/api/v1/kabupaten/" + k + "/configuration").then().statusCode(200)
                .body("kabupaten", is(k));
        given().auth().oauth2(TestAccounts.operator()).get("/api/v1/kabupaten/85.95/configuration").then().statusCode(404);
    }

    @Test
    void theRelativeRuleOfTheDocumentRoutesToTheKecamatanOfficeOfTheDesa() {
        String k = onboarded("85.09");
        long legalisasi = Db.serviceType(k, "LEGALISASI");
        for (String[] desaAndOffice : new String[][]{{k + ".01.2002", "CAMAT_SATU"}, {k + ".02.2001", "CAMAT_DUA"}}) {
            given().auth().oauth2(TestAccounts.desaOfficer(desaAndOffice[0])).contentType(ContentType.JSON)
                    .body(Map.of("serviceTypeId", legalisasi, "citizen", Map.of("nik", "7324044107900001", "name", "Siti Rahmawati"),
                            "answers", Map.of(), "documents", List.of()))
                    .post("/api/v1/requests").then().statusCode(201)
                    .body("opd.code", is(desaAndOffice[1])).body("routedBy", is("RULE_SERVICE_KABUPATEN"));
        }
    }
}
