package id.go.layanandesa.retention;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.NewServiceType;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The retention of personal data in a kabupaten of its own: the default policy and its dry run, a purge that keeps
 * statistics, history and tracking code, instances purging at once, the policy's rules, and a citizen's data export.
 */
@QuarkusTest
class RetentionTest {

    static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    RetentionJob job;

    @Inject
    PersonalDataPurge purge;

    /** A kabupaten of this test's own, with a triage OPD and one service of every answer type. */
    record Place(String kabupaten, String desa, String admin, String desaOfficer, long serviceType, long otherServiceType) {
    }

    static Place place;

    @BeforeEach
    void setUp() {
        if (place == null) {
            place = newPlace("87.18");
        }
    }

    static Place newPlace(String kabupaten) {
        ScratchKabupaten.ensure(kabupaten);
        String admin = TestAccounts.admin(kabupaten);
        long opd = ((Number) given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "ORGANISASI", "name", "Bagian Organisasi", "kind", "BAGIAN", "triage", true))
                .post("/api/v1/opds").then().statusCode(201).extract().path("id")).longValue();
        long type = serviceType(admin, opd, "SKU");
        long other = serviceType(admin, opd, "SKTM");
        String desa = kabupaten + ".01.2001";
        return new Place(kabupaten, desa, admin, TestAccounts.desaOfficer(desa), type, other);
    }

    static long serviceType(String admin, long opd, String code) {
        return NewServiceType.of(code, opd).fields(List.of(
                Map.of("key", "nama_usaha", "label", "Nama usaha", "type", "TEXT", "required", true, "order", 1),
                Map.of("key", "uraian", "label", "Uraian", "type", "LONG_TEXT", "required", false, "order", 2),
                Map.of("key", "modal", "label", "Modal", "type", "NUMBER", "required", true, "order", 3),
                Map.of("key", "bidang", "label", "Bidang", "type", "SINGLE_CHOICE", "options", List.of("KULINER", "JASA"),
                        "required", true, "order", 4))).createdBy(admin);
    }

    /** Files a request for the NIK and completes it; then says it finished that long ago. */
    static long finished(Place p, long serviceType, String nik, Period ago) {
        long id = open(p, serviceType, nik);
        given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON).body(Map.of("note", "Diproses"))
                .post("/api/v1/queue/requests/" + id + "/accept").then().statusCode(200);
        given().auth().oauth2(p.admin()).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("resultNote", "Surat selesai", "documentNumber", "503/" + SEQ.incrementAndGet() + "/SKU/2026",
                        "publicNote", "Diambil oleh Bu Rahasia di kantor desa"))
                .post("/api/v1/queue/requests/" + id + "/complete").then().statusCode(200);
        Db.exec("update service_request set finished_at = ?1 where id = ?2",
                java.sql.Timestamp.from(java.time.ZonedDateTime.now().minus(ago).toInstant()), id);
        return id;
    }

    /** The citizen's satisfaction survey of a finished request, answered on paper at the desa. */
    static void survey(Place p, long request, String comment) {
        Map<String, Object> scores = new java.util.LinkedHashMap<>();
        String[] elements = {"persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"};
        int[] values = {4, 3, 4, 4, 3, 4, 4, 3, 3};
        for (int i = 0; i < elements.length; i++) {
            scores.put(elements[i], values[i]);
        }
        given().auth().oauth2(p.desaOfficer()).contentType(ContentType.JSON).header("Idempotency-Key", "survey-" + request)
                .body(Map.of("scores", scores, "comment", comment)).post("/api/v1/requests/" + request + "/survey").then().statusCode(201);
    }

    static long open(Place p, long serviceType, String nik) {
        Map<String, Object> citizen = Map.of("nik", nik, "name", "Warga Rahasia " + nik.substring(12), "phone", "081298765432",
                "address", "Dusun Rahasia RT 001");
        Map<String, Object> answers = Map.of("nama_usaha", "Warung Rahasia " + nik.substring(12), "uraian", "Usaha milik keluarga",
                "modal", 2500000, "bidang", "KULINER");
        Map<String, Object> body = Map.of("serviceTypeId", serviceType, "citizen", citizen, "answers", answers, "documents", List.of(),
                "note", "Datang bersama suami");
        return ((Number) given().auth().oauth2(p.desaOfficer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests").then().statusCode(201).extract().path("id")).longValue();
    }

    /** A NIK of a woman born 1 July 1990 in Malili, serial 9000 and up (other tests use the low ones). */
    static String nik(int serial) {
        return "732404410790" + (9000 + serial);
    }

    static String row(long id) {
        return Db.single("select to_jsonb(r)::text from service_request r where id = ?1", id).toString();
    }

    static JsonPath detail(Place p, long id) {
        return given().auth().oauth2(p.admin()).get("/api/v1/requests/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theDefaultIsFiveYearsAfterFinishingAsADryRun() {
        Place fresh = newPlace("87.19");
        given().auth().oauth2(fresh.admin()).get("/api/v1/retention-policy").then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("kabupatenCode", equalTo("87.19")).body("period", equalTo("P5Y")).body("purge", equalTo(false))
                .body("setByKabupaten", equalTo(false)).body("version", equalTo(0))
                .body("$", not(hasKey("updatedAt"))).body("$", not(hasKey("lastRun")));
    }

    @Test
    void theDryRunSaysHowManyOfWhichServicesAndTouchesNothing() {
        Place p = newPlace("87.20");
        long a1 = finished(p, p.serviceType(), nik(101), Period.ofYears(6));
        long a2 = finished(p, p.serviceType(), nik(102), Period.ofYears(7));
        long b1 = finished(p, p.otherServiceType(), nik(103), Period.ofYears(5).plusDays(3));
        long young = finished(p, p.serviceType(), nik(104), Period.ofYears(4));
        long stillOpen = open(p, p.serviceType(), nik(105));
        Db.exec("update service_request set filed_at = filed_at - interval '8 years' where id = ?1", stillOpen);
        List<String> before = List.of(row(a1), row(a2), row(b1), row(young), row(stillOpen));

        JsonPath due = given().auth().oauth2(p.admin()).get("/api/v1/retention-policy/dry-run").then().statusCode(200).extract().jsonPath();
        assertEquals(3, due.getInt("requests"));
        assertEquals("P5Y", due.getString("period"));
        assertEquals(List.of("SKU", "SKTM"), due.getList("services.code"));
        assertEquals(List.of(2, 1), due.getList("services.requests"));
        assertTrue(Instant.parse(due.getString("oldestFinishedAt")).isBefore(Instant.now().minus(Duration.ofDays(365 * 7 - 2))));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RetentionViews.Run run = job.run(p.kabupaten(), now).orElseThrow();
        assertTrue(run.dryRun());
        assertEquals(3, run.requests());
        assertTrue(job.run(p.kabupaten(), now.plusSeconds(60)).isEmpty(), "once a day");
        assertEquals(before, List.of(row(a1), row(a2), row(b1), row(young), row(stillOpen)), "a dry run changes nothing");

        List<Object[]> recorded = Db.rows("select action, actor, detail->>'requests', detail->'requestsPerService'->>'SKU' from audit_entry "
                + "where kabupaten_code = ?1 and target_type = 'RETENTION_POLICY'", p.kabupaten());
        assertEquals(1, recorded.size());
        assertArrayEquals(new Object[]{"retentionDryRun", "system:retention", "3", "2"}, recorded.get(0));
        given().auth().oauth2(p.admin()).get("/api/v1/retention-policy").then().statusCode(200)
                .body("lastRun.dryRun", equalTo(true)).body("lastRun.requests", equalTo(3))
                .body("lastRun.day", equalTo(java.time.LocalDate.ofInstant(now, java.time.ZoneId.of("Asia/Jakarta")).toString()));
    }

    @Test
    void aPurgeReplacesThePersonalDataAndKeepsStatisticsHistoryAndTrackingCode() {
        Place p = newPlace("87.21");
        long old = finished(p, p.serviceType(), nik(201), Period.ofYears(6));
        long other = finished(p, p.otherServiceType(), nik(202), Period.ofYears(9));
        long young = finished(p, p.serviceType(), nik(203), Period.ofYears(4));
        survey(p, old, "Petugas ramah, Bu Rahasia membantu");
        JsonPath was = detail(p, old);
        String youngBefore = row(young);

        // a webhook's deliveries of the requests, with bodies kept for retries and redelivery
        long subscription = ((Number) given().auth().oauth2(p.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/rahasia", "eventTypes", List.of("COMPLETED"), "personalData", true))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id")).longValue();
        for (long r : List.of(old, young)) {
            Db.exec("insert into webhook_delivery (subscription_id, event_id, request_id, event_type, state, created_at, next_attempt_at, body) "
                    + "select ?1, id, request_id, type, 'DELIVERED', now(), now(), '{\"citizen\":{\"name\":\"Warga Rahasia\"}}' "
                    + "from request_event where request_id = ?2 and type = 'FILED'", subscription, r);
        }

        String etag = given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("period", "P5Y", "purge", true)).put("/api/v1/retention-policy")
                .then().statusCode(200).body("purge", equalTo(true)).body("setByKabupaten", equalTo(true)).body("version", equalTo(1))
                .extract().header("ETag");
        assertEquals("\"1\"", etag);
        RetentionViews.Run run = job.run(p.kabupaten(), Instant.now().truncatedTo(ChronoUnit.MICROS)).orElseThrow();
        assertFalse(run.dryRun());
        assertEquals(2, run.requests());

        JsonPath now = detail(p, old);
        assertEquals(Map.of("nik", "[DIHAPUS]", "name", "[DIHAPUS]", "phone", "[DIHAPUS]", "address", "[DIHAPUS]"), now.getMap("citizen"));
        assertEquals(Map.of("nama_usaha", "[DIHAPUS]", "uraian", "[DIHAPUS]", "modal", 2500000, "bidang", "KULINER"), now.getMap("answers"),
                "free text goes; numbers and choices, which statistics use, stay");
        assertEquals("[DIHAPUS]", now.getString("note"));
        assertEquals("[DIHAPUS]", now.getString("resultNote"));
        assertEquals("[DIHAPUS]", now.getString("documentNumber"));
        assertNotNull(now.getString("personalDataPurgedAt"));
        assertEquals(was.getString("trackingCode"), now.getString("trackingCode"));
        assertEquals("COMPLETED", now.getString("status"));
        assertEquals(was.getString("filedAt"), now.getString("filedAt"));
        assertEquals(was.getInt("version") + 1, now.getInt("version"));
        List<String> history = new ArrayList<>(was.getList("history.type"));
        history.add("PERSONAL_DATA_PURGED");
        assertEquals(history, now.getList("history.type"));
        given().get("/api/v1/tracking/" + now.getString("trackingCode")).then().statusCode(200).body("status", equalTo("COMPLETED"));
        given().auth().oauth2(p.desaOfficer()).get("/api/v1/requests?limit=100").then().statusCode(200)
                .body("items.find { it.id == " + old + " }.citizenName", equalTo("[DIHAPUS]"))
                .body("items.find { it.id == " + old + " }.nikMasked", equalTo("[DIHAPUS]"));
        assertEquals(0, Db.count("select count(*) from service_request where id in (?1, ?2) and (citizen_nik in (?3, ?4) "
                + "or answers::text like '%Rahasia%' or citizen_address like '%Rahasia%')", old, other, nik(201), nik(202)));
        assertEquals(youngBefore, row(young), "not due yet");
        assertEquals(0, Db.count("select count(*) from request_event where request_id in (?1, ?2) "
                + "and (note <> '[DIHAPUS]' or public_note <> '[DIHAPUS]')", old, other), "the history's notes go");
        assertEquals(3, Db.count("select count(*) from request_event where request_id = ?1 and (note = '[DIHAPUS]' "
                + "or public_note = '[DIHAPUS]')", old), "the filing's note, the accept's note and the completion's public note");
        assertEquals(1, Db.count("select count(*) from request_event where request_id = ?1 "
                + "and public_note = 'Diambil oleh Bu Rahasia di kantor desa'", young), "not due yet");
        assertEquals(List.of("none", "{\"citizen\":{\"name\":\"Warga Rahasia\"}}"), Db.rowsOf("select coalesce(body, 'none') "
                + "from webhook_delivery where subscription_id = ?1 and state = 'DELIVERED' order by request_id", subscription),
                "the kept body of a purged request goes (a later attempt makes it again from what the request holds now)");
        Db.exec("delete from webhook_delivery where subscription_id = ?1", subscription);
        Db.exec("delete from webhook_subscription where id = ?1", subscription);
        assertEquals(List.of("[DIHAPUS]", "4"), List.of(Db.rows("select comment, u1::text from survey_response where request_id = ?1", old)
                .get(0)).stream().map(String::valueOf).toList(), "the survey's comment goes, its scores stay for the index");

        List<Object[]> entries = Db.rows("select actor, array_to_string(request_ids, ','), detail->>'requests' from audit_entry "
                + "where kabupaten_code = ?1 and action = 'purgePersonalData'", p.kabupaten());
        assertEquals(1, entries.size());
        assertEquals("system:retention", entries.get(0)[0]);
        assertEquals(Set.of(Long.toString(old), Long.toString(other)), Set.of(((String) entries.get(0)[1]).split(",")));
        assertEquals(1, Db.count("select count(*) from audit_entry where kabupaten_code = ?1 and action = 'setRetentionPolicy' "
                + "and detail->>'period' = 'P5Y' and detail->>'purge' = 'true' and target_id = ?1", p.kabupaten()));
    }

    @Test
    void instancesPurgingAtOncePurgeEachRequestOnce() throws Exception {
        Place p = newPlace("87.22");
        Set<Long> due = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            due.add(finished(p, i % 2 == 0 ? p.serviceType() : p.otherServiceType(), nik(300 + i), Period.ofYears(6)));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.minus(Duration.ofDays(365 * 5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(pool.submit(() -> {
                int mine = 0;
                int done;
                do {
                    done = purge.purgeBatch(p.kabupaten(), Period.ofYears(5), cutoff, 3, now);
                    mine += done;
                } while (done > 0);
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> f : instances) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(24, total);
        assertEquals(24, Db.count("select count(*) from request_event where type = 'PERSONAL_DATA_PURGED' and request_id in "
                + "(select id from service_request where kabupaten_code = ?1)", p.kabupaten()), "one purge entry per request");
        List<Object[]> audited = Db.rows("select unnest(request_ids), 1 from audit_entry where kabupaten_code = ?1 and action = 'purgePersonalData'",
                p.kabupaten());
        List<Long> ids = audited.stream().map(r -> ((Number) r[0]).longValue()).toList();
        assertEquals(24, ids.size(), "each purged request in one audit entry");
        assertEquals(due, new HashSet<>(ids));
    }

    @Test
    @OffContractRequests("policies that break the schema, and a change without If-Match")
    void aPolicyIsThirtyDaysToAHundredYearsAndChangesOnlyFromTheVersionRead() {
        Place p = newPlace("87.23");
        for (String period : List.of("P29D", "P101Y", "P0Y", "5 years", "P5Y-2M")) {
            given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                    .body(Map.of("period", period, "purge", false)).put("/api/v1/retention-policy")
                    .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("violations[0].field", containsString("period"));
        }
        given().auth().oauth2(p.admin()).contentType(ContentType.JSON).body(Map.of("period", "P2Y", "purge", false))
                .put("/api/v1/retention-policy").then().statusCode(428);
        given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("period", "P18M", "purge", false)).put("/api/v1/retention-policy").then().statusCode(200)
                .body("period", equalTo("P18M"));
        given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("period", "P2Y", "purge", true)).put("/api/v1/retention-policy").then().statusCode(412)
                .body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(p.admin()).get("/api/v1/retention-policy").then().body("period", equalTo("P18M"))
                .body("purge", equalTo(false)).body("version", equalTo(1));
        // the same policy sent again changes nothing: the same version, no entry in the trail
        given().auth().oauth2(p.admin()).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("period", "P18M", "purge", false)).put("/api/v1/retention-policy").then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1));
        given().auth().oauth2(place.admin()).get("/api/v1/retention-policy").then().body("period", equalTo("P5Y"));
        assertEquals(1, Db.count("select count(*) from audit_entry where kabupaten_code = ?1 and action = 'setRetentionPolicy'", p.kabupaten()),
                "refused changes and the same policy sent again leave no entry");
    }

    @Test
    @OffContractRequests("a policy and a NIK of another JSON type than the schema's")
    void aNumberIsNoBooleanSoItNeverTurnsThePurgeOn() {
        Place p = newPlace("87.24");
        for (Object purge : List.of(1, "true", 1.0)) {
            given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                    .body(Map.of("period", "P1Y", "purge", purge)).put("/api/v1/retention-policy")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("violations.field", contains("purge"))
                    .body("violations.message", contains(endsWith(" true or false")));
        }
        given().auth().oauth2(p.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("period", 5, "purge", false)).put("/api/v1/retention-policy")
                .then().statusCode(400).body("violations.field", contains("period"));
        given().auth().oauth2(p.admin()).get("/api/v1/retention-policy").then().statusCode(200)
                .body("period", equalTo("P5Y")).body("purge", equalTo(false)).body("setByKabupaten", equalTo(false));
        assertEquals(0, Db.count("select count(*) from retention_policy where kabupaten_code = ?1", p.kabupaten()), "no policy was stored");
        assertEquals(0, Db.count("select count(*) from audit_entry where kabupaten_code = ?1 and action = 'setRetentionPolicy'", p.kabupaten()),
                "refused changes leave no entry");

        given().auth().oauth2(p.admin()).contentType(ContentType.JSON).body("{\"nik\": 7324044107900001}")
                .post("/api/v1/personal-data/export").then().statusCode(400)
                .body("violations.field", contains("nik")).body("violations.message", contains(endsWith(" a string")));
    }

    @Test
    void anAdminExportsEverythingTheKabupatenHoldsAboutANik() {
        String nik = nik(401);
        long first = finished(place, place.serviceType(), nik, Period.ofYears(1));
        long second = open(place, place.otherServiceType(), nik);
        open(place, place.serviceType(), nik(402));

        JsonPath export = given().auth().oauth2(place.admin()).contentType(ContentType.JSON).header("X-Request-Id", "akses-" + nik.substring(10))
                .body(Map.of("nik", nik)).post("/api/v1/personal-data/export").then().statusCode(200).extract().jsonPath();
        assertEquals(nik, export.getString("nik"));
        assertEquals(place.kabupaten(), export.getString("kabupatenCode"));
        assertEquals(List.of((int) first, (int) second), export.getList("requests.id"));
        assertEquals(List.of(nik, nik), export.getList("requests.citizen.nik"));
        assertEquals(List.of("FILED", "ACCEPTED", "COMPLETED"), export.getList("requests[0].history.type"));
        assertEquals("Warung Rahasia " + nik.substring(12), export.getString("requests[0].answers.nama_usaha"));
        assertEquals(List.of(), export.getList("surveys"), "none answered yet");

        survey(place, first, "Cepat sekali, terima kasih");
        export = given().auth().oauth2(place.admin()).contentType(ContentType.JSON).body(Map.of("nik", nik))
                .post("/api/v1/personal-data/export").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of((int) first), export.getList("surveys.requestId"));
        assertEquals("PAPER", export.getString("surveys[0].channel"));
        assertEquals(List.of(4, 3, 4, 4, 3, 4, 4, 3, 3), export.getList("surveys[0].scores"));
        assertEquals("Cepat sekali, terima kasih", export.getString("surveys[0].comment"));

        List<Object[]> entry = Db.rows("select action, target_type, coalesce(target_id, '-'), array_to_string(request_ids, ','), detail->>'requests', "
                + "to_jsonb(a)::text from audit_entry a where client_request_id = ?1", "akses-" + nik.substring(10));
        assertEquals(1, entry.size());
        assertEquals(List.of("exportCitizenData", "CITIZEN", "-", first + "," + second, "2"), List.of(entry.get(0)).subList(0, 5));
        assertFalse(((String) entry.get(0)[5]).contains(nik), "the trail names the requests, never the NIK");

        OtherKabupaten.ensure();
        given().auth().oauth2(TestAccounts.admin(OtherKabupaten.KABUPATEN)).contentType(ContentType.JSON).body(Map.of("nik", nik))
                .post("/api/v1/personal-data/export").then().statusCode(200).body("requests", empty()).body("surveys", empty());
    }

    @Test
    @OffContractRequests("a NIK that is not 16 digits")
    void anExportNeedsASixteenDigitNik() {
        for (String nik : List.of("12345", "73240441079000011", "7324O44107900001")) {
            given().auth().oauth2(place.admin()).contentType(ContentType.JSON).body(Map.of("nik", nik)).post("/api/v1/personal-data/export")
                    .then().statusCode(400).body("violations[0].field", equalTo("nik"));
        }
    }
}
