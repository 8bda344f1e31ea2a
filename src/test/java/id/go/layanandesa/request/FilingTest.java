package id.go.layanandesa.request;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.support.NewServiceType;
import id.go.layanandesa.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.IdempotencyRecords;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static id.go.layanandesa.support.Filings.aktaKelahiran;
import static id.go.layanandesa.support.Filings.file;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FilingTest {

    static final String DESA = "73.24.04.2001";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String officer() {
        return TestAccounts.desaOfficer(DESA);
    }

    @Test
    void filingRoutesDatesAndRecordsTheRequestWithItsFirstHistoryEntry() {
        ExtractableResponse<Response> r = file(officer(), aktaKelahiran()).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/requests/\\d+"))
                .header("ETag", "\"0\"")
                .body("trackingCode", matchesPattern("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}"))
                .body("status", is("SUBMITTED"))
                .body("opd.code", is("DISDUKCAPIL"))
                .body("routedBy", is("SERVICE_DEFAULT"))
                .body("dueDate", notNullValue())
                .extract();
        long id = ((Number) r.path("id")).longValue();
        List<Object[]> rows = Db.rows("""
                select r.status, o.code, r.desa_code, r.kecamatan_code, r.citizen_phone, r.service_type_version, r.filed_by is not null
                  from service_request r join opd o on o.id = r.opd_id where r.id = ?1""", id);
        Object[] row = rows.get(0);
        assertEquals("SUBMITTED", row[0]);
        assertEquals("DISDUKCAPIL", row[1]);
        assertEquals(DESA, row[2]);
        assertEquals("73.24.04", row[3]);
        assertEquals("+6281234567890", row[4], "phone stored as E.164");
        assertEquals(1, ((Number) row[5]).intValue());
        assertEquals(true, row[6]);
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'FILED' and to_status = 'SUBMITTED'", id));

        given().auth().oauth2(officer()).when().get("/api/v1/requests/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("citizen.nik", is(Filings.NIK))
                .body("citizen.phone", is("+6281234567890"))
                .body("answers.nama_bayi", is("Aminah"))
                .body("history", hasSize(1))
                .body("history[0].type", is("FILED"))
                .body("history[0].toStatus", is("SUBMITTED"))
                .body("history[0].toOpd.code", is("DISDUKCAPIL"));
    }

    @Test
    void oneRelativeRuleRoutesToTheKecamatanOfficeOfTheDesa() {
        Map<String, Object> body = aktaKelahiran();
        body.put("serviceTypeId", Db.serviceType("73.24", "LEGALISASI"));
        body.put("answers", validAnswers(Db.serviceType("73.24", "LEGALISASI")));
        body.put("documents", mandatoryDocuments(Db.serviceType("73.24", "LEGALISASI")));
        ExtractableResponse<Response> r = file(officer(), body).extract();
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("CAMAT_MALILI", r.path("opd.code"));
        // the demo's rule for LEGALISASI is kabupaten-wide and relative: the KECAMATAN office whose area holds the desa
        assertEquals("RULE_SERVICE_KABUPATEN", r.path("routedBy"));

        body.put("serviceTypeId", Db.serviceType("73.24", "LEGALISASI"));
        r = file(TestAccounts.desaOfficer("73.24.02.2009"), body).extract();
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("CAMAT_NUHA", r.path("opd.code"));
    }

    static Stream<Arguments> invalidFilings() {
        return Stream.of(
                bad("NIK of 15 digits", b -> citizen(b).put("nik", "732404410790001"), "citizen.nik", "must be 16 digits"),
                bad("NIK with letters", b -> citizen(b).put("nik", "73240441079000A1"), "citizen.nik", "must be 16 digits"),
                bad("NIK with day 32", b -> citizen(b).put("nik", "7324043207900001"), "citizen.nik", "real birth date"),
                bad("NIK with day 72 (woman, 32)", b -> citizen(b).put("nik", "7324047207900001"), "citizen.nik", "real birth date"),
                bad("NIK with month 13", b -> citizen(b).put("nik", "7324041013900001"), "citizen.nik", "real birth date"),
                bad("NIK with 29 Feb of a common year", b -> citizen(b).put("nik", "7324042902010001"), "citizen.nik", "real birth date"),
                bad("NIK with serial 0000", b -> citizen(b).put("nik", "7324044107900000"), "citizen.nik", "0000"),
                bad("NIK of no province (00)", b -> citizen(b).put("nik", "0024044107900001"), "citizen.nik", "province"),
                bad("NIK of no province (54)", b -> citizen(b).put("nik", "5424044107900001"), "citizen.nik", "province"),
                bad("NIK of kabupaten 00", b -> citizen(b).put("nik", "7300044107900001"), "citizen.nik", "kecamatan code"),
                bad("NIK of kecamatan 00", b -> citizen(b).put("nik", "7324004107900001"), "citizen.nik", "kecamatan code"),
                bad("missing NIK", b -> citizen(b).remove("nik"), "citizen.nik", "must not be blank"),
                bad("missing name", b -> citizen(b).remove("name"), "citizen.name", "must not be blank"),
                bad("landline phone", b -> citizen(b).put("phone", "0411-123456"), "citizen.phone", "mobile"),
                bad("phone too short", b -> citizen(b).put("phone", "0812345"), "citizen.phone", "mobile"),
                bad("missing required field", b -> answers(b).remove("nama_bayi"), "answers.nama_bayi", "is required"),
                bad("blank required field", b -> answers(b).put("nama_bayi", "  "), "answers.nama_bayi", "is required"),
                bad("text over its limit", b -> answers(b).put("nama_bayi", "x".repeat(101)), "answers.nama_bayi", "at most 100"),
                bad("number as text", b -> answers(b).put("anak_ke", "dua"), "answers.anak_ke", "must be a number"),
                bad("number under min", b -> answers(b).put("berat_lahir_gram", 100), "answers.berat_lahir_gram", "at least 300"),
                bad("number over max", b -> answers(b).put("anak_ke", 21), "answers.anak_ke", "at most 20"),
                bad("date not ISO", b -> answers(b).put("tanggal_lahir", "20/11/2026"), "answers.tanggal_lahir", "YYYY-MM-DD"),
                bad("date in year 9999", b -> answers(b).put("tanggal_lahir", "9999-01-01"), "answers.tanggal_lahir", "between"),
                bad("date in year +99999", b -> answers(b).put("tanggal_lahir", "+99999-01-01"), "answers.tanggal_lahir", "between"),
                bad("birth date after today", b -> answers(b).put("tanggal_lahir", "2099-01-01"), "answers.tanggal_lahir",
                        "must not be after today"),
                bad("NUL in a text answer", b -> answers(b).put("nama_bayi", "Ami\u0000nah"), "answers.nama_bayi", "NUL"),
                bad("NUL in the name", b -> citizen(b).put("name", "Siti\u0000"), "citizen.name", "NUL"),
                bad("bell character in the address", b -> citizen(b).put("address", "Dusun \u0007"), "citizen.address", "control"),
                bad("NUL in an answer's name", b -> answers(b).put("nama\u0000", "x"), "answers", "NUL"),
                bad("choice not allowed", b -> answers(b).put("jenis_kelamin", "X"), "answers.jenis_kelamin", "one of"),
                bad("unknown answer key", b -> answers(b).put("warna_favorit", "biru"), "answers.warna_favorit", "not a field"),
                bad("mandatory document missing", b -> documents(b).remove(0), "documents", "SURAT_KETERANGAN_LAHIR"),
                bad("mandatory document not applicable", b -> documents(b).set(1, Map.of("code", "KK", "provision", "NOT_APPLICABLE")),
                        "documents[1].provision", "mandatory"),
                bad("unknown document", b -> documents(b).add(Map.of("code", "IJAZAH", "provision", "ON_PAPER")), "documents[2].code", "not a document"),
                bad("missing service type", b -> b.remove("serviceTypeId"), "serviceTypeId", "must not be null"),
                bad("service type of no catalog", b -> b.put("serviceTypeId", 999999999), "serviceTypeId", "not a service"),
                bad("note too long", b -> b.put("note", "x".repeat(2001)), "note", "size must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilings")
    @OffContractRequests("filings with missing or invalid fields")
    void invalidFilingIsRefusedNamingTheFieldAndLeavesNoRow(String name, Consumer<Map<String, Object>> change, String field,
                                                            String message) {
        Map<String, Object> body = aktaKelahiran();
        change.accept(body);
        long before = requestRows();
        String key = "bad-" + UUID.randomUUID();
        Filings.file(officer(), body, key).statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
        assertEquals(before, requestRows());
        assertEquals(0L, IdempotencyRecords.count(officer(), key));
    }

    @Test
    void aNikKeepsTheKecamatanOfItsFirstIssueEvenWhenThatKecamatanNoLongerExists() {
        // Pangandaran's kecamatan left Ciamis (32.07) for the new kabupaten 32.18 in 2012; Ciamis's codes 20-28 and 36
        // were retired, but the NIKs issued under them stay valid for life.
        Db.exec("insert into region (code, name, level, parent_code, name_key) values ('32', 'Jawa Barat', 1, null, 'jawa barat') "
                + "on conflict (code) do nothing");
        String[][] regions = {{"32.07", "Kabupaten Ciamis", "2", "32"}, {"32.07.01", "Ciamis", "3", "32.07"},
                {"32.18", "Kabupaten Pangandaran", "2", "32"}, {"32.18.09", "Pangandaran", "3", "32.18"}};
        for (String[] r : regions) {
            Db.exec("insert into region (code, name, level, parent_code, name_key) values (?1, ?2, ?3, ?4, lower(?2)) "
                    + "on conflict (code) do nothing", r[0], r[1], Short.parseShort(r[2]), r[3]);
        }
        for (String nik : List.of("3207254508850003", "3207360101700002", "7324994107900001")) {
            String kecamatan = nik.substring(0, 2) + "." + nik.substring(2, 4) + "." + nik.substring(4, 6);
            assertEquals(0L, Db.count("select count(*) from region where code = ?1", kecamatan), kecamatan + " no longer exists");
            Map<String, Object> body = aktaKelahiran();
            citizen(body).put("nik", nik);
            long id = ((Number) file(officer(), body).statusCode(201).extract().path("id")).longValue();
            assertEquals(nik, Db.single("select citizen_nik from service_request where id = ?1", id));
        }
    }

    @Test
    void closedServiceAndAnotherKabupatensServiceAreRefused() {
        long closed = Db.serviceType("73.24", "KTP_HILANG");
        Db.exec("update service_type set open = false where id = ?1", closed);
        try {
            Map<String, Object> body = aktaKelahiran();
            body.put("serviceTypeId", closed);
            file(officer(), body).statusCode(400).body("violations[0].field", is("serviceTypeId"))
                    .body("violations[0].message", containsString("not open"));
        } finally {
            Db.exec("update service_type set open = true where id = ?1", closed);
        }
        OtherKabupaten.ensure();
        Map<String, Object> body = aktaKelahiran();
        body.put("serviceTypeId", Db.serviceType(OtherKabupaten.KABUPATEN, "KTP_BARU"));
        file(officer(), body).statusCode(400).body("violations[0].field", is("serviceTypeId"));
    }

    @Test
    void withNoActiveOpdToTakeItFilingIsAConflictNamingTheCause() {
        // LEGALISASI from Wonorejo has no area rule: its default OPD and triage are both Bagian Organisasi
        long organisasi = TestAccounts.opd("73.24", "ORGANISASI");
        String officer = TestAccounts.desaOfficer("73.24.01.2002");
        Map<String, Object> body = aktaKelahiran();
        body.put("serviceTypeId", Db.serviceType("73.24", "LEGALISASI"));
        body.put("answers", validAnswers(Db.serviceType("73.24", "LEGALISASI")));
        body.put("documents", mandatoryDocuments(Db.serviceType("73.24", "LEGALISASI")));
        long before = requestRows("73.24.01.2002");
        Db.exec("update opd set active = false where id = ?1", organisasi);
        try {
            file(officer, body).statusCode(409).contentType("application/problem+json").body("code", is("NO_TRIAGE_OPD"));
        } finally {
            Db.exec("update opd set active = true where id = ?1", organisasi);
        }
        assertEquals(before, requestRows("73.24.01.2002"));
    }

    @Test
    void onlyDesaOfficersFile() {
        file(TestAccounts.admin("73.24"), aktaKelahiran()).statusCode(403).body("code", is("FORBIDDEN"));
        file(TestAccounts.opdOfficer(TestAccounts.opd("73.24", "DISDUKCAPIL")), aktaKelahiran()).statusCode(403);
        given().contentType("application/json").body(aktaKelahiran()).post("/api/v1/requests").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void dueDateSkipsTheWeekendInTheKabupatensZone() {
        String officer = officer(); // signed on the real clock, before it is pinned
        // Thursday 26 Nov 2026 23:30 WITA is still Thursday there: 5 working days → Thursday 3 Dec.
        clock.pin(Instant.parse("2026-11-26T15:30:00Z"));
        file(officer, aktaKelahiran()).statusCode(201).body("dueDate", is("2026-12-03"));
        // One hour later it is Friday 00:30 WITA though still Thursday in UTC: → Friday 4 Dec.
        clock.pin(Instant.parse("2026-11-26T16:30:00Z"));
        file(officer, aktaKelahiran()).statusCode(201).body("dueDate", is("2026-12-04"));
        // Filed on Saturday: counting starts on Monday.
        clock.pin(Instant.parse("2026-11-28T03:00:00Z"));
        file(officer, aktaKelahiran()).statusCode(201).body("dueDate", is("2026-12-04"));
    }

    @Test
    void aNewDefinitionOfTheServiceIsUsedByTheVeryNextFilingEvenWhenWrittenByAnotherInstance() {
        // a service of its own, so that its versions move for this test only
        long type = NewServiceType.of("UJI_DEFINISI_" + System.nanoTime() % 1_000_000_000L, TestAccounts.opd("73.24", "DISDUKCAPIL"))
                .with("name", "Surat keterangan uji").with("product", "Surat keterangan").with("open", true)
                .fields(List.of(Map.of("key", "keperluan", "label", "Keperluan", "type", "TEXT", "required", true, "order", 1)))
                .createdBy(TestAccounts.admin("73.24"));
        Map<String, Object> body = aktaKelahiran();
        body.put("serviceTypeId", type);
        body.put("documents", List.of());
        Map<String, Object> answers = new HashMap<>(Map.of("keperluan", "Melamar kerja"));
        body.put("answers", answers);
        // filed once under version 1, which this instance then knows
        file(officer(), body).statusCode(201);

        // another instance adds a required field: version 2, in the database only
        Db.exec("""
                update service_type set fields = fields || cast(?1 as jsonb), version = 2, updated_at = now()
                 where id = ?2""", """
                [{"key": "nama_saksi", "label": "Nama saksi", "type": "TEXT", "required": true, "order": 2, "notAfterToday": false}]""", type);
        Db.exec("""
                insert into service_type_version (service_type_id, version, snapshot, created_at)
                select service_type_id, 2, snapshot, now() from service_type_version where service_type_id = ?1 and version = 1""", type);
        file(officer(), body).statusCode(400).body("violations.field", hasItem(containsString("nama_saksi")));
        answers.put("nama_saksi", "Andi");
        long id = ((Number) file(officer(), body).statusCode(201).extract().path("id")).longValue();
        assertEquals(2, ((Number) Db.single("select service_type_version from service_request where id = ?1", id)).intValue());

        // closed directly in the database, without a new version: refused at once as well
        Db.exec("update service_type set open = false where id = ?1", type);
        file(officer(), body).statusCode(400).body("violations[0].message", containsString("not open"));
    }

    @Test
    void dueDateSkipsTheKabupatensHolidays() {
        String officer = officer();
        // Wed 23 Dec 2026; 24, 25 Dec and 1 Jan are holidays of the demo kabupaten: 28, 29, 30, 31 Dec, 4 Jan.
        clock.pin(Instant.parse("2026-12-23T02:00:00Z"));
        file(officer, aktaKelahiran()).statusCode(201).body("dueDate", is("2027-01-04"));
    }

    @Test
    void sameKeySameBodyReplaysTheFirstAnswerWithoutFilingAgain() {
        String key = "replay-" + UUID.randomUUID();
        Map<String, Object> body = aktaKelahiran();
        ExtractableResponse<Response> first = Filings.file(officer(), body, key).statusCode(201).extract();
        long before = requestRows();
        ExtractableResponse<Response> second = Filings.file(officer(), body, key).statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first.asString(), second.asString());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(before, requestRows());
    }

    @Test
    void sameKeyDifferentBodyIs422() {
        String key = "conflict-" + UUID.randomUUID();
        Filings.file(officer(), aktaKelahiran(), key).statusCode(201);
        Map<String, Object> other = aktaKelahiran();
        answers(other).put("nama_bayi", "Budi");
        long before = requestRows();
        Filings.file(officer(), other, key).statusCode(422).body("code", is("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(before, requestRows());
    }

    @Test
    void keysAreScopedToTheAccount() {
        String key = "shared-" + UUID.randomUUID();
        Filings.file(officer(), aktaKelahiran(), key).statusCode(201);
        Filings.file(TestAccounts.desaOfficer("73.24.04.2002"), aktaKelahiran(), key).statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    @OffContractRequests("an Idempotency-Key with spaces, which its pattern forbids")
    void malformedIdempotencyKeyIsRefused() {
        Filings.file(officer(), aktaKelahiran(), "spaces are not allowed").statusCode(400)
                .body("violations[0].field", is("Idempotency-Key"));
    }

    @Test
    void twoIdenticalFilingsRacingCreateOneRequest() throws Exception {
        String token = officer();
        Map<String, Object> body = aktaKelahiran();
        for (int round = 0; round < 5; round++) {
            String key = "race-" + UUID.randomUUID();
            int threads = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<ExtractableResponse<Response>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ExtractableResponse<Response>> call = () -> {
                    start.await();
                    return Filings.file(token, body, key).extract();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            java.util.Set<Object> filed = new java.util.HashSet<>();
            for (Future<ExtractableResponse<Response>> f : results) {
                ExtractableResponse<Response> r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    assertEquals("IDEMPOTENCY_IN_FLIGHT", r.path("code"));
                } else if (r.statusCode() == 201) {
                    filed.add(r.path("id"));
                }
            }
            pool.shutdown();
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
            assertTrue(statuses.contains(201), statuses.toString());
            // a racer that got the key after the first had committed was given its answer, not a filing of its own
            assertEquals(1, filed.size(), filed.toString());
            assertEquals(1L, IdempotencyRecords.count(token, key));
            String location = IdempotencyRecords.location(token, key);
            long requests = Db.count("select count(*) from service_request where id = ?1",
                    Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
            assertEquals(1L, requests);
            // after the race, the key replays
            Filings.file(token, body, key).statusCode(201).header("Idempotent-Replayed", "true");
        }
    }

    @Test
    void batchFilesEachItemOnItsOwnInOrder() {
        String token = officer();
        Map<String, Object> good = aktaKelahiran();
        Map<String, Object> bad = aktaKelahiran();
        citizen(bad).put("nik", "123");
        String k1 = "b1-" + UUID.randomUUID();
        String k2 = "b2-" + UUID.randomUUID();
        String k3 = "b3-" + UUID.randomUUID();
        Map<String, Object> batch = Map.of("items", List.of(
                Map.of("idempotencyKey", k1, "filing", good),
                Map.of("idempotencyKey", k2, "filing", bad),
                Map.of("idempotencyKey", k3, "filing", good)));
        long before = Db.count("select count(*) from service_request");
        given().auth().oauth2(token).contentType("application/json").body(batch).post("/api/v1/requests/batch")
                .then().statusCode(200)
                .body("filed", is(2)).body("failed", is(1))
                .body("items.index", contains(0, 1, 2))
                .body("items.status", contains(201, 400, 201))
                .body("items[0].receipt.trackingCode", notNullValue())
                .body("items[1].problem.code", is("VALIDATION_FAILED"))
                .body("items[1].problem.violations[0].field", is("citizen.nik"))
                .body("items[1].receipt", nullValue());
        assertEquals(before + 2, Db.count("select count(*) from service_request"));
        // resending the whole batch after a lost answer files nothing again
        given().auth().oauth2(token).contentType("application/json").body(batch).post("/api/v1/requests/batch")
                .then().statusCode(200)
                .body("items.replayed", contains(true, false, true))
                .body("items.status", contains(201, 400, 201));
        assertEquals(before + 2, Db.count("select count(*) from service_request"));
    }

    @Test
    @OffContractRequests("batches out of bounds")
    void batchLimitsAreChecked() {
        String token = officer();
        Map<String, Object> good = aktaKelahiran();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(Map.of("idempotencyKey", "over-" + i, "filing", good));
        }
        given().auth().oauth2(token).contentType("application/json").body(Map.of("items", items)).post("/api/v1/requests/batch")
                .then().statusCode(400).body("violations[0].field", is("items"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("items", List.of())).post("/api/v1/requests/batch")
                .then().statusCode(400).body("violations[0].field", is("items"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("idempotencyKey", "dup", "filing", good), Map.of("idempotencyKey", "dup", "filing", good))))
                .post("/api/v1/requests/batch")
                .then().statusCode(400).body("violations[0].field", is("items[1].idempotencyKey"));
    }

    /** Requests and history entries of this test's desa (the queue's lease sweep writes history of others' requests meanwhile). */
    static long requestRows() {
        return requestRows(DESA);
    }

    static long requestRows(String desa) {
        return Db.count("select count(*) from service_request where desa_code = ?1", desa) * 1_000_000
                + Db.count("select count(*) from request_event e join service_request r on r.id = e.request_id where r.desa_code = ?1", desa);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> citizen(Map<String, Object> body) {
        return (Map<String, Object>) body.get("citizen");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> answers(Map<String, Object> body) {
        return (Map<String, Object>) body.get("answers");
    }

    @SuppressWarnings("unchecked")
    static List<Object> documents(Map<String, Object> body) {
        return (List<Object>) body.get("documents");
    }

    static Arguments bad(String name, Consumer<Map<String, Object>> change, String field, String message) {
        return Arguments.of(name, change, field, message);
    }

    /** A valid answer for every required field of a service, from its definition. */
    static Map<String, Object> validAnswers(long serviceTypeId) {
        ServiceType type = QuarkusTransaction.requiringNew().call(() -> ServiceType.<ServiceType>findById(serviceTypeId));
        Map<String, Object> answers = new HashMap<>();
        for (FieldDefinition f : type.fields) {
            if (!f.required()) {
                continue;
            }
            Object value = switch (f.type()) {
                case TEXT, LONG_TEXT -> "Keterangan yang cukup panjang untuk batas minimal";
                case NUMBER -> f.min() == null ? 1 : f.min();
                case DATE -> "2026-11-01";
                case BOOLEAN -> true;
                case SINGLE_CHOICE -> f.options().get(0);
                case MULTI_CHOICE -> List.of(f.options().get(0));
            };
            answers.put(f.key(), value);
        }
        return answers;
    }

    static List<Map<String, Object>> mandatoryDocuments(long serviceTypeId) {
        ServiceType type = QuarkusTransaction.requiringNew().call(() -> ServiceType.<ServiceType>findById(serviceTypeId));
        List<Map<String, Object>> result = new ArrayList<>();
        for (DocumentDefinition d : type.documents) {
            if (d.mandatory()) {
                result.add(Map.of("code", d.code(), "provision", "ON_PAPER"));
            }
        }
        return result;
    }
}
