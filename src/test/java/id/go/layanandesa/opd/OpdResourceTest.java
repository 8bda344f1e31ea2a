package id.go.layanandesa.opd;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.routing.RoutingRule;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class OpdResourceTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    EntityManager em;

    static String uniqueCode(String prefix) {
        return prefix + "_" + System.nanoTime() % 1_000_000 + "_" + SEQ.incrementAndGet();
    }

    static Map<String, Object> body(String code, String region, boolean triage) {
        var m = new java.util.HashMap<String, Object>();
        m.put("code", code);
        m.put("name", "UPT Puskesmas Uji " + code);
        m.put("kind", "UPT");
        m.put("regionCode", region);
        m.put("email", "uji@luwutimurkab.go.id");
        m.put("triage", triage);
        return m;
    }

    static Map<String, Object> update(String name, String region, boolean active, boolean triage) {
        var m = new java.util.HashMap<String, Object>();
        m.put("name", name);
        m.put("kind", "UPT");
        m.put("regionCode", region);
        m.put("active", active);
        m.put("triage", triage);
        return m;
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/opds").then();
    }

    @Test
    @OffContractRequests("changes without If-Match")
    void adminCreatesReadsChangesAndDeletesAnOpdWithVersionChecks() {
        String admin = TestAccounts.admin("73.24");
        String code = uniqueCode("PKM");
        var created = create(admin, body(code, "73.24.06", false))
                .statusCode(201)
                .header("ETag", is("\"0\""))
                .body("code", is(code))
                .body("kabupatenCode", is("73.24"))
                .body("regionCode", is("73.24.06"))
                .body("active", is(true))
                .body("triage", is(false))
                .extract();
        int id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/opds/" + id), created.header("Location"));
        Number queueRows = QuarkusTransaction.requiringNew().call(() ->
                (Number) em.createNativeQuery("select count(*) from opd_queue_state where opd_id = ?1 and version = 0")
                        .setParameter(1, (long) id).getSingleResult());
        assertEquals(1, queueRows.intValue());

        given().auth().oauth2(TestAccounts.viewer("73.24")).when().get("/api/v1/opds/" + id)
                .then().statusCode(200).header("ETag", is("\"0\"")).body("name", is("UPT Puskesmas Uji " + code));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update("UPT Puskesmas Wotu", "73.24.06", true, false))
                .when().put("/api/v1/opds/" + id)
                .then().statusCode(428).body("code", is("IF_MATCH_REQUIRED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(update("UPT Puskesmas Wotu", "73.24.06", true, false))
                .when().put("/api/v1/opds/" + id)
                .then().statusCode(412).body("code", is("STALE_VERSION"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(update("UPT Puskesmas Wotu", "73.24.06.2001", false, false))
                .when().put("/api/v1/opds/" + id)
                .then().statusCode(200).header("ETag", is("\"1\""))
                .body("name", is("UPT Puskesmas Wotu")).body("active", is(false)).body("regionCode", is("73.24.06.2001"))
                .body("version", is(1));
        QuarkusTransaction.requiringNew().run(() -> {
            Opd stored = Opd.findById((long) id);
            assertEquals("UPT Puskesmas Wotu", stored.name);
            assertFalse(stored.active);
        });
        given().auth().oauth2(TestAccounts.viewer("73.24")).queryParam("active", false).when().get("/api/v1/opds")
                .then().statusCode(200).body("code", hasItem(code)).body("active", everyItem(is(false)));

        given().auth().oauth2(admin).header("If-Match", "\"0\"").when().delete("/api/v1/opds/" + id)
                .then().statusCode(412).body("code", is("STALE_VERSION"));
        given().auth().oauth2(admin).when().delete("/api/v1/opds/" + id)
                .then().statusCode(428);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().delete("/api/v1/opds/" + id)
                .then().statusCode(204);
        assertNull(QuarkusTransaction.requiringNew().call(() -> Opd.findById((long) id)));
        given().auth().oauth2(admin).when().get("/api/v1/opds/" + id).then().statusCode(404);
    }

    @Test
    void aCodeIsUniqueInItsKabupaten() {
        String admin = TestAccounts.admin("73.24");
        create(admin, body("DISDUKCAPIL", null, false))
                .statusCode(409).body("code", is("DUPLICATE_CODE"));
    }

    @Test
    @OffContractRequests("OPDs with invalid fields")
    void badFieldsAndForeignOrWrongLevelRegionsAreViolations() {
        String admin = TestAccounts.admin("73.24");
        OtherKabupaten.ensure();
        for (String region : new String[]{"73.24", "73", OtherKabupaten.KECAMATAN, "73.24.04.9999", "73.2x"}) {
            create(admin, body(uniqueCode("PKM"), region, false))
                    .statusCode(400).body("code", is("VALIDATION_FAILED")).body("violations.field", contains("regionCode"));
        }
        var bad = body("kode salah", null, false);
        bad.put("name", " ");
        bad.put("email", "not-an-email");
        create(admin, bad).statusCode(400).body("violations.field", containsInAnyOrder("code", "email", "name"));
        var badKind = body(uniqueCode("X"), null, false);
        badKind.put("kind", "KEMENTERIAN");
        create(admin, badKind).statusCode(400).body("violations[0].field", is("kind"));
    }

    @Test
    void onlyAnAdminWritesAndEveryRoleOfTheKabupatenReads() {
        create(TestAccounts.viewer("73.24"), body(uniqueCode("V"), null, false)).statusCode(403).body("code", is("FORBIDDEN"));
        create(TestAccounts.desaOfficer("73.24.04.2001"), body(uniqueCode("V"), null, false)).statusCode(403);
        long dukcapil = TestAccounts.opd("73.24", "DISDUKCAPIL");
        given().auth().oauth2(TestAccounts.opdOfficer(dukcapil)).when().get("/api/v1/opds")
                .then().statusCode(200).body("code", hasItems("DISDUKCAPIL", "ORGANISASI", "PKM_MALILI"))
                .body("kabupatenCode", everyItem(is("73.24")));
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).when().get("/api/v1/opds/" + dukcapil)
                .then().statusCode(200).body("code", is("DISDUKCAPIL"));
        given().auth().oauth2(TestAccounts.viewer("73.24")).header("If-Match", "\"0\"").when().delete("/api/v1/opds/" + dukcapil)
                .then().statusCode(403);
        given().when().get("/api/v1/opds").then().statusCode(401);
    }

    @Test
    void anotherKabupatensOpdIsNotFound() {
        OtherKabupaten.ensure();
        long dukcapil = TestAccounts.opd("73.24", "DISDUKCAPIL");
        String otherAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/opds/" + dukcapil).then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(update("Diambil alih", null, true, false))
                .when().put("/api/v1/opds/" + dukcapil).then().statusCode(404);
        given().auth().oauth2(otherAdmin).header("If-Match", "\"0\"").when().delete("/api/v1/opds/" + dukcapil).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get("/api/v1/opds")
                .then().statusCode(200).body("code", not(hasItem("PKM_MALILI"))).body("kabupatenCode", everyItem(is("73.22")));
        assertEquals("Dinas Kependudukan dan Pencatatan Sipil",
                QuarkusTransaction.requiringNew().call(() -> Opd.<Opd>findById(dukcapil).name));
    }

    @Test
    void triageMovesButNeverDisappears() {
        String kabupaten = ScratchKabupaten.ensure("86.01");
        String admin = TestAccounts.admin(kabupaten);
        int a = create(admin, body(uniqueCode("ORG"), null, true)).statusCode(201).body("triage", is(true)).extract().path("id");
        int b = create(admin, body(uniqueCode("ORG"), kabupaten + ".01", true)).statusCode(201).body("triage", is(true)).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(Opd.<Opd>findById((long) a).triage, "creating a triage OPD takes the flag from the old one");
            assertEquals((long) b, Opd.triageOf(kabupaten).id);
        });
        int versionB = given().auth().oauth2(admin).when().get("/api/v1/opds/" + b).then().extract().path("version");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"" + versionB + "\"")
                .body(update("Tanpa triage", null, true, false))
                .when().put("/api/v1/opds/" + b).then().statusCode(409).body("code", is("TRIAGE_REQUIRED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"" + versionB + "\"")
                .body(update("Nonaktif", null, false, true))
                .when().put("/api/v1/opds/" + b).then().statusCode(409).body("code", is("TRIAGE_REQUIRED"));
        given().auth().oauth2(admin).header("If-Match", "\"" + versionB + "\"").when().delete("/api/v1/opds/" + b)
                .then().statusCode(409).body("code", is("TRIAGE_REQUIRED"));

        int versionA = given().auth().oauth2(admin).when().get("/api/v1/opds/" + a).then().extract().path("version");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"" + versionA + "\"")
                .body(update("Bagian Organisasi", null, true, true))
                .when().put("/api/v1/opds/" + a).then().statusCode(200).body("triage", is(true));
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(Opd.<Opd>findById((long) b).triage);
            assertEquals(1, Opd.count("kabupatenCode = ?1 and triage = true", kabupaten));
        });
    }

    @Test
    void concurrentTriageMovesLeaveExactlyOneTriageOpd() throws Exception {
        String kabupaten = ScratchKabupaten.ensure("86.02");
        String admin = TestAccounts.admin(kabupaten);
        create(admin, body(uniqueCode("ORG"), null, true)).statusCode(201);
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            int[] ids = new int[4];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = create(admin, body(uniqueCode("C"), null, false)).statusCode(201).extract().path("id");
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(ids.length);
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int id : ids) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                            .body(update("Calon triage", null, true, true))
                            .when().put("/api/v1/opds/" + id).then().extract().statusCode();
                }));
            }
            start.countDown();
            int ok = 0;
            for (var f : futures) {
                int status = f.get();
                assertTrue(status == 200 || status == 409, "status " + status);
                ok += status == 200 ? 1 : 0;
            }
            pool.shutdown();
            assertTrue(ok >= 1, "at least one move succeeds");
            assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Opd.count("kabupatenCode = ?1 and triage = true", kabupaten)));
        }
    }

    @Test
    void anOpdThatThingsReferToCannotBeDeletedButCanBeDeactivated() {
        String admin = TestAccounts.admin("73.24");
        int id = create(admin, body(uniqueCode("PKM"), "73.24.04", false)).statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            ServiceType t = new ServiceType();
            t.kabupatenCode = "73.24";
            t.code = uniqueCode("SVC");
            t.name = "Layanan uji";
            t.defaultOpdId = (long) id;
            t.timeLimitDays = 3;
            t.createdAt = now;
            t.updatedAt = now;
            t.persist();
            RoutingRule r = new RoutingRule();
            r.kabupatenCode = "73.24";
            r.regionCode = "73.24.04.2002";
            r.serviceTypeId = null;
            r.opdId = (long) id;
            r.createdAt = now;
            r.persist();
        });
        TestAccounts.opdOfficer(id);
        given().auth().oauth2(admin).header("If-Match", "\"0\"").when().delete("/api/v1/opds/" + id)
                .then().statusCode(409).body("code", is("OPD_IN_USE"))
                .body("detail", allOf(containsString("1 routing rules"), containsString("1 service types"), containsString("1 accounts"),
                        containsString("deactivate")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(update("Nonaktif", "73.24.04", false, false))
                .when().put("/api/v1/opds/" + id).then().statusCode(200).body("active", is(false));
        QuarkusTransaction.requiringNew().run(() -> {
            // leave the demo kabupaten's all-service rule for desa 73.24.04.2002 out of other tests' way
            RoutingRule.delete("opdId", (long) id);
        });
    }

    /** What GET /me answers the officer for its OPD's and kabupaten's names, once the notification of a change has come. */
    static String meNames(String token, String expectedOpdName) throws InterruptedException {
        String seen = null;
        for (int i = 0; i < 100; i++) {
            var me = given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200).extract().jsonPath();
            seen = me.getString("opdName") + " / " + me.getString("kabupatenName");
            if (expectedOpdName.equals(me.getString("opdName"))) {
                return seen;
            }
            Thread.sleep(50);
        }
        return seen;
    }

    @Test
    void meShowsTheNamesOfTheOpdAndKabupatenAsTheyAreNowAfterARenameOrAChangeMadeInTheDatabase() throws Exception {
        String admin = TestAccounts.admin("73.24");
        String code = uniqueCode("NAMA");
        long id = create(admin, body(code, "73.24.04", false)).statusCode(201).extract().jsonPath().getLong("id");
        String officer = TestAccounts.opdOfficer(id);
        String first = "UPT Puskesmas Uji " + code;
        assertTrue(meNames(officer, first).startsWith(first + " / "), "the name it was created with");
        // renamed through the API: every instance drops the names it kept when the change commits
        String renamed = "UPT Puskesmas Baru " + code;
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(update(renamed, "73.24.04", true, false)).when().put("/api/v1/opds/" + id).then().statusCode(200);
        assertTrue(meNames(officer, renamed).startsWith(renamed + " / "), "the new name once the change is heard");
        // a change made by any statement, outside the service's code, is heard the same way
        String byHand = "UPT Puskesmas Tangan " + code;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update opd set name = ?1 where id = ?2")
                .setParameter(1, byHand).setParameter(2, id).executeUpdate());
        assertTrue(meNames(officer, byHand).startsWith(byHand + " / "), "the name written in the database");
    }
}
