package id.go.layanandesa.request;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desa following its requests: its list, cancelling, and the citizen's public tracking. */
@QuarkusTest
class FollowingTest {

    @Inject
    TestRateLimiter limiter;

    @Test
    void desaListIsNewestFirstMaskedAndKeysetPagesStayCorrectWhileRequestsArrive() {
        String desa = "73.24.01.2002"; // Wonorejo: no other test files here
        String officer = TestAccounts.desaOfficer(desa);
        List<Long> filed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            filed.add(Filings.fileOne(officer));
        }
        ExtractableResponse<Response> first = given().auth().oauth2(officer).get("/api/v1/requests?limit=3").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].nikMasked", is("7324**********01"))
                .body("items[0].citizen", nullValue())
                .body("items[0].desaCode", is(desa))
                .extract();
        assertTrue(!first.asString().contains("7324044107900001"), "lists never carry the full NIK");
        List<Integer> seen = new ArrayList<>(first.path("items.id"));
        String next = first.path("next");
        // new requests arrive between pages: they are newer than the cursor and do not shift the pages
        for (int i = 0; i < 4; i++) {
            Filings.fileOne(officer);
        }
        while (next != null) {
            ExtractableResponse<Response> page = given().auth().oauth2(officer).queryParam("cursor", next)
                    .get("/api/v1/requests?limit=3").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            next = page.path("next");
        }
        List<Integer> expected = new ArrayList<>(filed.stream().map(Long::intValue).toList());
        java.util.Collections.reverse(expected);
        assertEquals(expected, seen, "every request filed before the first page, once each, newest first");
        Set<Integer> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size());

        // another desa's officer sees none of them; an admin sees them with the desa filter
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2002")).get("/api/v1/requests?limit=100").then().statusCode(200)
                .body("items.desaCode", everyItem(is("73.24.04.2002")));
        given().auth().oauth2(TestAccounts.admin("73.24")).get("/api/v1/requests?limit=100&desa=" + desa).then().statusCode(200)
                .body("items", hasSize(11));
        given().auth().oauth2(TestAccounts.viewer("73.24")).get("/api/v1/requests").then().statusCode(403);
    }

    @Test
    @OffContractRequests("an unknown status filter")
    void listFilters() {
        String desa = "73.24.02.2005"; // Matano
        String officer = TestAccounts.desaOfficer(desa);
        long a = Filings.fileOne(officer);
        long b = Filings.fileOne(officer);
        given().auth().oauth2(officer).header("If-Match", "\"0\"").contentType("application/json").body(Map.of("reason", "batal"))
                .post("/api/v1/requests/" + a + "/cancel").then().statusCode(200);
        given().auth().oauth2(officer).get("/api/v1/requests?status=CANCELLED").then().statusCode(200).body("items.id", contains((int) a));
        given().auth().oauth2(officer).get("/api/v1/requests?status=SUBMITTED").then().statusCode(200).body("items.id", hasItem((int) b))
                .body("items.id", not(hasItem((int) a)));
        given().auth().oauth2(officer).get("/api/v1/requests?overdue=true").then().statusCode(200).body("items", empty());
        given().auth().oauth2(officer).get("/api/v1/requests?filedFrom=2199-01-01T00:00:00Z").then().statusCode(200).body("items", empty());
        given().auth().oauth2(officer).get("/api/v1/requests?serviceTypeId=" + Db.serviceType("73.24", "KTP_BARU")).then().statusCode(200)
                .body("items", empty());
        given().auth().oauth2(officer).get("/api/v1/requests?status=NOPE").then().statusCode(400).body("code", is("INVALID_PARAMETER"))
                .body("detail", containsString("SUBMITTED"));
        given().auth().oauth2(officer).get("/api/v1/requests?filedFrom=yesterday").then().statusCode(400).body("code", is("INVALID_PARAMETER"));
        given().auth().oauth2(officer).get("/api/v1/requests?limit=0").then().statusCode(400).body("violations[0].field", is("limit"));
        given().auth().oauth2(officer).get("/api/v1/requests?limit=101").then().statusCode(400).body("violations[0].field", is("limit"));
        // every list pages the same way (PageQuery): a cursor longer than any the service gives out is refused as such
        given().auth().oauth2(officer).queryParam("cursor", "A".repeat(101)).get("/api/v1/requests").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED")).body("violations[0].field", is("cursor"));
        given().auth().oauth2(officer).get("/api/v1/requests?serviceTypeId=akta").then().statusCode(400)
                .body("code", is("INVALID_PARAMETER")).body("violations[0].field", is("serviceTypeId"));
        // a request made overdue shows as overdue
        Db.exec("update service_request set due_date = date '2020-01-02' where id = ?1", b);
        given().auth().oauth2(officer).get("/api/v1/requests?overdue=true").then().statusCode(200)
                .body("items.id", contains((int) b)).body("items[0].overdue", is(true));
    }

    @Test
    @OffContractRequests("a cancel without If-Match")
    void cancelOnlyFromSubmittedOrNeedsInfoWithTheCurrentVersion() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        long id = Filings.fileOne(officer);
        String path = "/api/v1/requests/" + id + "/cancel";
        given().auth().oauth2(officer).contentType("application/json").body(Map.of()).post(path).then().statusCode(428)
                .body("code", is("IF_MATCH_REQUIRED"));
        given().auth().oauth2(officer).header("If-Match", "\"3\"").contentType("application/json").body(Map.of()).post(path)
                .then().statusCode(412).body("code", is("STALE_VERSION"));
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2002")).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of()).post(path).then().statusCode(404);
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", id));
        given().auth().oauth2(officer).header("If-Match", "\"0\"").contentType("application/json").body(Map.of("reason", "Warga membatalkan"))
                .post(path).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", is("CANCELLED"))
                .body("finishedAt", notNullValue())
                .body("history[1].type", is("CANCELLED"))
                .body("history[1].note", is("Warga membatalkan"));
        given().auth().oauth2(officer).header("If-Match", "\"1\"").contentType("application/json").body(Map.of()).post(path)
                .then().statusCode(409).body("code", is("INVALID_TRANSITION")).body("currentStatus", is("CANCELLED"))
                .body("allowed", empty());
        // supplying information nobody asked for
        given().auth().oauth2(officer).header("If-Match", "\"1\"").contentType("application/json").body(Map.of("note", "x"))
                .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(409).body("currentStatus", is("CANCELLED"));
        assertEquals(2L, Db.count("select count(*) from request_event where request_id = ?1", id));
    }

    @Test
    void cancelIsIdempotentWithAKey() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        long id = Filings.fileOne(officer);
        String first = given().auth().oauth2(officer).header("If-Match", "\"0\"").header("Idempotency-Key", "cancel-" + id)
                .contentType("application/json").body(Map.of()).post("/api/v1/requests/" + id + "/cancel")
                .then().statusCode(200).extract().asString();
        given().auth().oauth2(officer).header("If-Match", "\"0\"").header("Idempotency-Key", "cancel-" + id)
                .contentType("application/json").body(Map.of()).post("/api/v1/requests/" + id + "/cancel")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body(is(first));
    }

    @Test
    void trackingIsPublicForgivingAndImpersonal() {
        limiter.startAfresh();
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        String code = Filings.file(officer, Filings.aktaKelahiran()).statusCode(201).extract().path("trackingCode");
        String body = given().get("/api/v1/tracking/" + code.replace("-", " ").toLowerCase()).then().statusCode(200)
                .body("trackingCode", is(code))
                .body("service", is("Penerbitan Akta Kelahiran"))
                .body("status", is("SUBMITTED"))
                .body("opd", is("Dinas Kependudukan dan Pencatatan Sipil"))
                .body("dueDate", notNullValue())
                .body("history.status", contains("SUBMITTED"))
                .extract().asString();
        for (String personal : List.of("7324044107900001", "Siti", "0812", "+62", "Dusun", "Orang tua", "nama_bayi", "Aminah")) {
            assertTrue(!body.contains(personal), "tracking shows " + personal);
        }
        given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").then().statusCode(404).body("code", is("NOT_FOUND"));
        given().get("/api/v1/tracking/not-a-code").then().statusCode(404);
    }

    @Test
    void trackingIsRateLimitedPerAddress() {
        limiter.startAfresh();
        int allowed = 30;
        for (int i = 0; i < allowed; i++) {
            given().get("/api/v1/tracking/ZZZZ-ZZZZ-Z" + (i % 2 == 0 ? "A" : "B")).then().statusCode(404);
        }
        given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("code", is("RATE_LIMITED"));
        limiter.startAfresh();
    }

    @Test
    void anUnchangedDesaListAndRequestAnswer304AndAChangeAnswersAgain() {
        String desa = "73.24.02.2005"; // Matano: no other test files here
        String officer = TestAccounts.desaOfficer(desa);
        long id = Filings.fileOne(officer);
        String listTag = given().auth().oauth2(officer).get("/api/v1/requests").then().statusCode(200)
                .header("ETag", startsWith("W/")).extract().header("ETag");
        given().auth().oauth2(officer).header("If-None-Match", listTag).get("/api/v1/requests").then().statusCode(304)
                .header("ETag", listTag).body(emptyString());
        // another query of the list is another representation
        given().auth().oauth2(officer).header("If-None-Match", listTag).get("/api/v1/requests?limit=5").then().statusCode(200);
        String tag = given().auth().oauth2(officer).get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(officer).header("If-None-Match", tag).get("/api/v1/requests/" + id).then().statusCode(304)
                .header("ETag", tag);
        // the OPD asks for information: both change
        long opd = ((Number) Db.single("select opd_id from service_request where id = ?1", id)).longValue();
        given().auth().oauth2(TestAccounts.opdOfficer(opd)).header("If-Match", tag).contentType("application/json")
                .body(Map.of("missing", List.of("Fotokopi buku nikah"))).post("/api/v1/queue/requests/" + id + "/request-info")
                .then().statusCode(200);
        given().auth().oauth2(officer).header("If-None-Match", listTag).get("/api/v1/requests").then().statusCode(200)
                .header("ETag", not(listTag)).body("items[0].status", is("NEEDS_INFO"));
        given().auth().oauth2(officer).header("If-None-Match", tag).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("status", is("NEEDS_INFO")).header("ETag", not(tag));
    }

    @Test
    @OffContractRequests("an updatedSince that is no instant")
    void updatedSinceListsWhatChangedOldestChangeFirst() {
        String desa = "73.24.01.2001"; // Maleku
        String officer = TestAccounts.desaOfficer(desa);
        long before = Filings.fileOne(officer);
        java.time.Instant mark = java.time.Instant.now();
        long after = Filings.fileOne(officer);
        // the older request changes after the mark: it comes after the newer one, in order of change
        String tag = given().auth().oauth2(officer).get("/api/v1/requests/" + before).then().extract().header("ETag");
        given().auth().oauth2(officer).header("If-Match", tag).contentType("application/json").body(Map.of("reason", "uji"))
                .post("/api/v1/requests/" + before + "/cancel").then().statusCode(200);
        ExtractableResponse<Response> changed = given().auth().oauth2(officer).queryParam("updatedSince", mark.toString())
                .queryParam("limit", 1).get("/api/v1/requests").then().statusCode(200).extract();
        List<Integer> ids = new ArrayList<>(changed.path("items.id"));
        String next = changed.path("next");
        while (next != null) {
            ExtractableResponse<Response> page = given().auth().oauth2(officer).queryParam("updatedSince", mark.toString())
                    .queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/requests").then().statusCode(200).extract();
            ids.addAll(page.path("items.id"));
            next = page.path("next");
        }
        assertTrue(ids.indexOf((int) after) >= 0 && ids.indexOf((int) before) > ids.indexOf((int) after), ids.toString());
        given().auth().oauth2(officer).queryParam("updatedSince", "yesterday").get("/api/v1/requests").then().statusCode(400);
    }

    @Test
    void anOpdListsWhatItHandledFinishedOrForwardedAwayAndNothingElse() {
        String desa = "73.24.04.2002"; // Laskap
        String officer = TestAccounts.desaOfficer(desa);
        long opdA = TestAccounts.opd("73.24", "DISDUKCAPIL");
        long opdB = TestAccounts.opd("73.24", "DINSOS");
        String a = TestAccounts.opdOfficer(opdA);
        long forwarded = Filings.fileOne(officer);
        long completed = Filings.fileOne(officer);
        assertEquals(opdA, ((Number) Db.single("select opd_id from service_request where id = ?1", forwarded)).longValue());
        String tag = given().auth().oauth2(a).get("/api/v1/requests/" + forwarded).then().extract().header("ETag");
        given().auth().oauth2(a).header("If-Match", tag).contentType("application/json")
                .body(Map.of("toOpdId", opdB, "reason", "bukan kewenangan kami")).post("/api/v1/queue/requests/" + forwarded + "/forward")
                .then().statusCode(200);
        tag = given().auth().oauth2(a).get("/api/v1/requests/" + completed).then().extract().header("ETag");
        tag = given().auth().oauth2(a).header("If-Match", tag).contentType("application/json").body(Map.of())
                .post("/api/v1/queue/requests/" + completed + "/accept").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(a).header("If-Match", tag).contentType("application/json").body(Map.of("resultNote", "selesai"))
                .post("/api/v1/queue/requests/" + completed + "/complete").then().statusCode(200);
        List<Integer> handled = new ArrayList<>();
        String next = null;
        do {
            var spec = given().auth().oauth2(a).queryParam("desa", desa).queryParam("limit", 100);
            if (next != null) {
                spec = spec.queryParam("cursor", next);
            }
            ExtractableResponse<Response> page = spec.get("/api/v1/requests").then().statusCode(200).extract();
            handled.addAll(page.path("items.id"));
            next = page.path("next");
        } while (next != null);
        assertTrue(handled.contains((int) forwarded) && handled.contains((int) completed), handled.toString());
        // the OPD it went to lists it too; an OPD that never held them does not
        List<Integer> atB = given().auth().oauth2(TestAccounts.opdOfficer(opdB)).queryParam("desa", desa).queryParam("limit", 100)
                .get("/api/v1/requests").then().statusCode(200).extract().path("items.id");
        assertTrue(atB.contains((int) forwarded) && !atB.contains((int) completed), atB.toString());
        long other = TestAccounts.opd("73.24", "CAMAT_MALILI");
        List<Integer> atOther = given().auth().oauth2(TestAccounts.opdOfficer(other)).queryParam("desa", desa).queryParam("limit", 100)
                .get("/api/v1/requests").then().statusCode(200).extract().path("items.id");
        assertTrue(!atOther.contains((int) forwarded) && !atOther.contains((int) completed), atOther.toString());
    }
}
