package id.go.layanandesa.catalog;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.account.Account;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class CatalogResourceTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    EntityManager em;

    static String uniqueCode() {
        return "SVC_" + System.nanoTime() % 1_000_000 + "_" + SEQ.incrementAndGet();
    }

    static Map<String, Object> field(String key, String type, Object... extra) {
        Map<String, Object> f = new HashMap<>();
        f.put("key", key);
        f.put("label", "Label " + key);
        f.put("type", type);
        f.put("required", true);
        f.put("order", 1);
        for (int i = 0; i < extra.length; i += 2) {
            f.put((String) extra[i], extra[i + 1]);
        }
        return f;
    }

    /** A document definition, with a condition and alternatives when given. */
    static Map<String, Object> doc(String code, boolean mandatory, Map<String, Object> requiredWhen, List<String> alternatives) {
        Map<String, Object> d = new HashMap<>(Map.of("code", code, "name", "Dokumen " + code, "mandatory", mandatory));
        if (requiredWhen != null) {
            d.put("requiredWhen", requiredWhen);
        }
        if (alternatives != null) {
            d.put("alternatives", alternatives);
        }
        return d;
    }

    @Test
    void aDocumentRequiredOnAnAnswerOrReplaceableByAnotherIsKeptAsDefined() {
        String admin = TestAccounts.admin("73.24");
        Map<String, Object> body = definition(uniqueCode(), TestAccounts.opd("73.24", "DINSOS"));
        body.put("documents", List.of(doc("SKU", true, null, List.of("SPTJM_USAHA")), doc("SPTJM_USAHA", false, null, null),
                doc("IZIN_KULINER", false, Map.of("field", "bidang", "values", List.of("KULINER")), null),
                doc("NPWP", false, Map.of("field", "punya_npwp", "values", List.of("true")), null)));
        create(admin, body).statusCode(201)
                .body("documents[0].alternatives", contains("SPTJM_USAHA"))
                .body("documents[1]", not(hasKey("alternatives")))
                .body("documents[1]", not(hasKey("requiredWhen")))
                .body("documents[2].requiredWhen.field", is("bidang"))
                .body("documents[2].requiredWhen.values", contains("KULINER"))
                .body("documents[3].requiredWhen.values", contains("true"));
    }

    static Map<String, Object> definition(String code, long opdId) {
        Map<String, Object> b = new HashMap<>();
        if (code != null) {
            b.put("code", code);
        }
        b.put("name", "Surat Keterangan Usaha");
        b.put("description", "Surat keterangan bagi pelaku usaha mikro.");
        b.put("defaultOpdId", opdId);
        b.put("timeLimitDays", 3);
        b.put("fee", 0);
        b.put("product", "Surat Keterangan Usaha");
        b.put("open", true);
        b.put("documents", new ArrayList<>(List.of(
                Map.of("code", "SURAT_PENGANTAR_RT", "name", "Surat pengantar RT/RW", "mandatory", true),
                Map.of("code", "KTP_EL", "name", "Fotokopi KTP-el", "mandatory", false))));
        b.put("fields", new ArrayList<>(List.of(
                field("nama_usaha", "TEXT", "minLength", 1, "maxLength", 100),
                field("uraian", "LONG_TEXT", "maxLength", 1000),
                field("modal", "NUMBER", "min", 0, "max", 1_000_000_000),
                field("mulai_usaha", "DATE", "minDate", "1950-01-01", "maxDate", "2100-12-31"),
                field("bidang", "SINGLE_CHOICE", "options", List.of("KULINER", "JASA")),
                field("hari_buka", "MULTI_CHOICE", "options", List.of("SENIN", "SELASA", "RABU"), "min", 1, "max", 3),
                field("punya_npwp", "BOOLEAN"))));
        return b;
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/service-types").then();
    }

    static ValidatableResponse put(String token, long id, String ifMatch, Map<String, Object> body) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.when().put("/api/v1/service-types/" + id).then();
    }

    @Test
    @OffContractRequests("changes without If-Match")
    void everyChangeIsANewVersionAndOldVersionsStayReadable() {
        String admin = TestAccounts.admin("73.24");
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        String code = uniqueCode();
        var created = create(admin, definition(code, dinsos))
                .statusCode(201)
                .header("ETag", is("\"1\""))
                .body("code", is(code))
                .body("version", is(1))
                .body("kabupatenCode", is("73.24"))
                .body("fields.type", contains("TEXT", "LONG_TEXT", "NUMBER", "DATE", "SINGLE_CHOICE", "MULTI_CHOICE", "BOOLEAN"))
                .body("documents.code", contains("SURAT_PENGANTAR_RT", "KTP_EL"))
                .extract();
        long id = ((Number) created.path("id")).longValue();
        assertTrue(created.header("Location").endsWith("/api/v1/service-types/" + id));

        Map<String, Object> changed = definition(null, TestAccounts.opd("73.24", "DPMPTSP"));
        changed.put("name", "Surat Keterangan Usaha Mikro");
        changed.put("timeLimitDays", 5);
        put(admin, id, null, changed).statusCode(428).body("code", is("IF_MATCH_REQUIRED"));
        put(admin, id, "\"1\"", changed).statusCode(200).header("ETag", is("\"2\""))
                .body("version", is(2)).body("name", is("Surat Keterangan Usaha Mikro")).body("timeLimitDays", is(5));
        put(admin, id, "\"1\"", changed).statusCode(412).body("code", is("STALE_VERSION"));

        String viewer = TestAccounts.viewer("73.24");
        given().auth().oauth2(viewer).when().get("/api/v1/service-types/" + id + "/versions/1")
                .then().statusCode(200)
                .body("version", is(1))
                .body("definition.name", is("Surat Keterangan Usaha"))
                .body("definition.timeLimitDays", is(3))
                .body("definition.defaultOpdId", is((int) dinsos))
                .body("definition.fields", hasSize(7));
        given().auth().oauth2(viewer).when().get("/api/v1/service-types/" + id + "/versions/2")
                .then().statusCode(200).body("definition.name", is("Surat Keterangan Usaha Mikro"));
        given().auth().oauth2(viewer).when().get("/api/v1/service-types/" + id + "/versions/3")
                .then().statusCode(404);
        given().auth().oauth2(viewer).when().get("/api/v1/service-types/" + id)
                .then().statusCode(200).header("ETag", is("\"2\"")).body("version", is(2));
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(2, ServiceTypeVersion.count("key.serviceTypeId", id));
            assertEquals(2, ServiceType.<ServiceType>findById(id).version);
        });
    }

    @Test
    @OffContractRequests("definitions that break the schema")
    void badDefinitionsAreViolationsOnTheFieldAtFault() {
        String admin = TestAccounts.admin("73.24");
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        Object[][] cases = {
                {"fields", List.of(field("a", "TEXT"), field("a", "NUMBER")), "fields[1].key"},
                {"fields", List.of(field("a", "SINGLE_CHOICE")), "fields[0].options"},
                {"fields", List.of(field("a", "MULTI_CHOICE", "options", List.of())), "fields[0].options"},
                {"fields", List.of(field("a", "SINGLE_CHOICE", "options", List.of("X", "X"))), "fields[0].options"},
                {"fields", List.of(field("a", "TEXT", "options", List.of("X"))), "fields[0].options"},
                {"fields", List.of(field("a", "NUMBER", "min", 10, "max", 1)), "fields[0].min"},
                {"fields", List.of(field("a", "TEXT", "minLength", 10, "maxLength", 1)), "fields[0].minLength"},
                {"fields", List.of(field("a", "DATE", "minDate", "31-01-2026")), "fields[0].minDate"},
                {"fields", List.of(field("a", "DATE", "minDate", "2027-01-01", "maxDate", "2026-01-01")), "fields[0].minDate"},
                {"fields", List.of(field("a", "DATE", "maxDate", "9999-12-31")), "fields[0].maxDate"},
                {"fields", List.of(field("a", "DATE", "minDate", "+99999-01-01")), "fields[0].minDate"},
                {"fields", List.of(field("a", "TEXT", "notAfterToday", true)), "fields[0].notAfterToday"},
                {"fields", List.of(field("a", "NUMBER", "min", new java.math.BigDecimal("1e400"))), "fields[0].min"},
                {"fields", List.of(field("a", "MULTI_CHOICE", "options", List.of("X"), "max", 2)), "fields[0].max"},
                {"fields", List.of(field("Bad Key", "TEXT")), "fields[0].key"},
                {"documents", List.of(Map.of("code", "KK", "name", "KK", "mandatory", true),
                        Map.of("code", "KK", "name", "KK lagi", "mandatory", false)), "documents[1].code"},
                {"documents", List.of(doc("RT", true, Map.of("field", "bidang", "values", List.of("JASA")), null)), "documents[0].requiredWhen"},
                {"documents", List.of(doc("RT", true, null, null), doc("IZIN", false, Map.of("field", "tidak_ada", "values", List.of("X")), null)),
                        "documents[1].requiredWhen.field"},
                {"documents", List.of(doc("IZIN", false, Map.of("field", "nama_usaha", "values", List.of("X")), null)),
                        "documents[0].requiredWhen.field"},
                {"documents", List.of(doc("IZIN", false, Map.of("field", "bidang", "values", List.of("KULINER", "TAMBANG")), null)),
                        "documents[0].requiredWhen.values[1]"},
                {"documents", List.of(doc("IZIN", false, Map.of("field", "punya_npwp", "values", List.of("ya")), null)),
                        "documents[0].requiredWhen.values[0]"},
                {"documents", List.of(doc("IZIN", false, Map.of("field", "bidang", "values", List.of()), null)), "documents[0].requiredWhen.values"},
                {"documents", List.of(doc("RT", true, null, List.of("SPTJM"))), "documents[0].alternatives[0]"},
                {"documents", List.of(doc("RT", true, null, List.of("RT"))), "documents[0].alternatives[0]"},
                {"documents", List.of(doc("RT", true, null, List.of("KTP")), doc("KTP", true, null, null)), "documents[0].alternatives[0]"},
                {"documents", List.of(doc("RT", false, null, List.of("KTP")), doc("KTP", false, null, null)), "documents[0].alternatives"},
                {"timeLimitDays", 0, "timeLimitDays"},
                {"timeLimitDays", 366, "timeLimitDays"},
                {"fee", -1, "fee"},
                {"code", "bad code", "code"},
        };
        for (Object[] c : cases) {
            Map<String, Object> body = definition(uniqueCode(), dinsos);
            body.put((String) c[0], c[1]);
            create(admin, body).statusCode(400).body("code", is("VALIDATION_FAILED")).body("violations.field", hasItem((String) c[2]));
        }
    }

    @Test
    void aDateFieldCanBeLimitedToDatesNotAfterTodayAndKeepsTheOptionInEveryVersion() {
        String admin = TestAccounts.admin("73.24");
        Map<String, Object> body = definition(uniqueCode(), TestAccounts.opd("73.24", "DINSOS"));
        body.put("fields", List.of(field("tanggal_kejadian", "DATE", "notAfterToday", true), field("tanggal_rencana", "DATE")));
        long id = ((Number) create(admin, body).statusCode(201)
                .body("fields.find { it.key == 'tanggal_kejadian' }.notAfterToday", is(true))
                .body("fields.find { it.key == 'tanggal_rencana' }.notAfterToday", is(false))
                .extract().path("id")).longValue();
        given().auth().oauth2(TestAccounts.viewer("73.24")).when().get("/api/v1/service-types/" + id + "/versions/1").then()
                .statusCode(200).body("definition.fields.find { it.key == 'tanggal_kejadian' }.notAfterToday", is(true));
    }

    @Test
    void theDemoCatalogsPastEventDatesMayNotBeAfterToday() {
        var fields = given().auth().oauth2(TestAccounts.viewer("73.24")).when().get("/api/v1/service-types").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.code in ['AKTA_KELAHIRAN', 'AKTA_KEMATIAN', 'KTP_BARU', 'LAPOR_BENCANA'] }"
                        + ".collect { it.fields.findAll { f -> f.type == 'DATE' } }.flatten()", Map.class);
        assertEquals(4, fields.size(), "birth, death and disaster dates of the demo catalog: " + fields);
        fields.forEach(f -> assertEquals(true, f.get("notAfterToday"), f.get("key") + " is a past event"));
    }

    @Test
    @OffContractRequests("a service type without a default OPD")
    void theDefaultOpdMustBeAnActiveOpdOfTheKabupaten() {
        String admin = TestAccounts.admin("73.24");
        long foreign = OtherKabupaten.opd("DISDUKCAPIL");
        create(admin, definition(uniqueCode(), foreign)).statusCode(400).body("violations.field", contains("defaultOpdId"));
        create(admin, definition(uniqueCode(), 999_999_999L)).statusCode(400).body("violations.field", contains("defaultOpdId"));
        Map<String, Object> noOpd = definition(uniqueCode(), 1);
        noOpd.remove("defaultOpdId");
        create(admin, noOpd).statusCode(400).body("violations.field", contains("defaultOpdId"));
        long inactive = QuarkusTransaction.requiringNew().call(() -> {
            Opd o = new Opd();
            o.kabupatenCode = "73.24";
            o.code = uniqueCode();
            o.name = "Dinas lama";
            o.kind = id.go.layanandesa.opd.OpdKind.DINAS;
            o.active = false;
            o.createdAt = java.time.Instant.now();
            o.updatedAt = o.createdAt;
            o.persistWithQueueState();
            return o.id;
        });
        create(admin, definition(uniqueCode(), inactive)).statusCode(400)
                .body("violations[0].field", is("defaultOpdId")).body("violations[0].message", containsString("inactive"));
    }

    @Test
    void aCodeIsUniqueInTheKabupaten() {
        create(TestAccounts.admin("73.24"), definition("KTP_BARU", TestAccounts.opd("73.24", "DISDUKCAPIL")))
                .statusCode(409).body("code", is("DUPLICATE_CODE"));
    }

    @Test
    void everyRoleOfTheKabupatenReadsOnlyAdminsWriteAndOtherKabupatenSeeNothing() {
        long dukcapil = TestAccounts.opd("73.24", "DISDUKCAPIL");
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).when().get("/api/v1/service-types")
                .then().statusCode(200)
                .body("code", hasItems("KTP_BARU", "AKTA_KELAHIRAN", "LAPOR_JALAN", "RUJUKAN_KESEHATAN"))
                .body("kabupatenCode", everyItem(is("73.24")));
        given().auth().oauth2(TestAccounts.opdOfficer(dukcapil)).when().get("/api/v1/service-types")
                .then().statusCode(200).body("code", hasItem("KTP_BARU"));
        create(TestAccounts.viewer("73.24"), definition(uniqueCode(), dukcapil)).statusCode(403);
        create(TestAccounts.opdOfficer(dukcapil), definition(uniqueCode(), dukcapil)).statusCode(403);

        long akta = QuarkusTransaction.requiringNew().call(() ->
                ServiceType.<ServiceType>find("kabupatenCode = ?1 and code = ?2", "73.24", "AKTA_KELAHIRAN").firstResult().id);
        OtherKabupaten.ensure();
        String otherAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/service-types/" + akta).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/service-types/" + akta + "/versions/1").then().statusCode(404);
        put(otherAdmin, akta, "\"1\"", definition(null, OtherKabupaten.opd("DISDUKCAPIL"))).statusCode(404);
        given().auth().oauth2(otherAdmin).header("If-Match", "\"1\"").when().delete("/api/v1/service-types/" + akta).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/service-types")
                .then().statusCode(200).body("kabupatenCode", everyItem(is(OtherKabupaten.KABUPATEN)));
    }

    @Test
    @OffContractRequests("a delete without If-Match")
    void anUnusedEntryIsDeletedWithItsVersionsAndAUsedOneIsClosedInstead() {
        String admin = TestAccounts.admin("73.24");
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        long unused = ((Number) create(admin, definition(uniqueCode(), dinsos)).statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(admin).when().delete("/api/v1/service-types/" + unused).then().statusCode(428);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().delete("/api/v1/service-types/" + unused).then().statusCode(204);
        QuarkusTransaction.requiringNew().run(() -> {
            assertNull(ServiceType.findById(unused));
            assertEquals(0, ServiceTypeVersion.count("key.serviceTypeId", unused));
        });

        String code = uniqueCode();
        long used = ((Number) create(admin, definition(code, dinsos)).statusCode(201).extract().path("id")).longValue();
        fileRequest(used, dinsos);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().delete("/api/v1/service-types/" + used)
                .then().statusCode(409).body("code", is("SERVICE_TYPE_IN_USE")).body("detail", containsString("1 requests"));
        Map<String, Object> closed = definition(null, dinsos);
        closed.put("open", false);
        put(admin, used, "\"1\"", closed).statusCode(200).body("open", is(false)).body("version", is(2));
        given().auth().oauth2(admin).queryParam("open", true).when().get("/api/v1/service-types")
                .then().statusCode(200).body("code", not(hasItem(code))).body("open", everyItem(is(true)));
        given().auth().oauth2(admin).queryParam("open", false).when().get("/api/v1/service-types")
                .then().statusCode(200).body("code", hasItem(code));
    }

    /** A bare request row under version 1 of the service type, as filing would leave it. */
    private void fileRequest(long serviceTypeId, long opdId) {
        Account filer = TestAccounts.account(Role.DESA_OFFICER, "73.24", "73.24.04.2001", null);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                            service_type_version, opd_id, status, citizen_nik, citizen_name, answers, documents, filed_by, filed_at,
                            due_date, updated_at)
                        values (nextval('service_request_seq'), ?1, '73.24', '73.24.04', '73.24.04.2001', ?2, 1, ?3, 'SUBMITTED',
                            '7324044107900001', 'Warga Uji', '{}'::jsonb, '[]'::jsonb, ?4, now(), current_date + 3, now())""")
                .setParameter(1, ("T" + System.nanoTime()).substring(0, 12))
                .setParameter(2, serviceTypeId)
                .setParameter(3, opdId)
                .setParameter(4, filer.id)
                .executeUpdate());
    }
}
