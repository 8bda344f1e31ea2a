package id.go.layanandesa.tracking;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** OPD officers write public notes for the citizen beside their internal notes; public tracking shows only the public ones. */
@QuarkusTest
class PublicNotesTest {

    static final String DESA = "73.24.03.2004"; // Wawondula: no other test files here

    @Inject
    TestRateLimiter limiter;

    @BeforeEach
    void cleanSlate() {
        limiter.startAfresh();
    }

    @Test
    void trackingShowsWhatTheOpdWroteForTheCitizenAndNeverItsInternalNotes() {
        String desa = TestAccounts.desaOfficer(DESA);
        JsonPath receipt = Filings.file(desa, Filings.aktaKelahiran()).statusCode(201).extract().jsonPath();
        long id = receipt.getLong("id");
        String opd = TestAccounts.opdOfficer(receipt.getLong("opd.id"));
        act(opd, id, "accept", Map.of("note", "internal-1 cek NIK", "publicNote", "Berkas sedang diperiksa"));
        act(opd, id, "request-info", Map.of("missing", List.of("internal-4 buku nikah"), "note", "internal-2 KK lama",
                "publicNote", "Fotokopi buku nikah orang tua. Bawa yang asli."));
        given().auth().oauth2(desa).contentType("application/json").header("If-Match", etag(id)).body(Map.of("note", "dibawa"))
                .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(200);
        act(opd, id, "accept", Map.of());
        act(opd, id, "complete", Map.of("resultNote", "internal-3 nomor register 55", "documentNumber", "7324-LT-1",
                "publicNote", "Akta dapat diambil di kantor desa mulai Senin"));

        String tracked = given().get("/api/v1/tracking/" + receipt.getString("trackingCode")).then().statusCode(200)
                .body("history.status", contains("SUBMITTED", "IN_PROGRESS", "NEEDS_INFO", "SUBMITTED", "IN_PROGRESS", "COMPLETED"))
                .body("history[0]", not(hasKey("publicNote")))
                .body("history[1].publicNote", is("Berkas sedang diperiksa"))
                .body("history[2].publicNote", is("Fotokopi buku nikah orang tua. Bawa yang asli."))
                .body("history[3]", not(hasKey("publicNote")))
                .body("history[5].publicNote", is("Akta dapat diambil di kantor desa mulai Senin"))
                .extract().asString();
        assertFalse(tracked.contains("internal-"), "no internal note in public tracking: " + tracked);
        assertFalse(tracked.contains("dibawa") || tracked.contains("7324-LT-1"), tracked);

        // the desa and the OPD see both, each where it belongs
        given().auth().oauth2(desa).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("history[1].note", is("internal-1 cek NIK"))
                .body("history[1].publicNote", is("Berkas sedang diperiksa"))
                .body("history[2].note", startsWith("missing: internal-4 buku nikah"))
                .body("history[2].publicNote", is("Fotokopi buku nikah orang tua. Bawa yang asli."))
                .body("history[5].note", is("internal-3 nomor register 55"));
        assertEquals("Akta dapat diambil di kantor desa mulai Senin",
                Db.single("select public_note from request_event where request_id = ?1 and type = 'COMPLETED'", id));
    }

    @Test
    void whatIsMissingStaysInternalUnlessTheOfficerWritesItForTheCitizen() {
        JsonPath receipt = Filings.file(TestAccounts.desaOfficer(DESA), Filings.aktaKelahiran()).statusCode(201).extract().jsonPath();
        long id = receipt.getLong("id");
        act(TestAccounts.opdOfficer(receipt.getLong("opd.id")), id, "request-info",
                Map.of("missing", List.of("Buku nikah a.n. orang tua", "Surat keterangan lahir"), "note", "internal"));
        given().get("/api/v1/tracking/" + receipt.getString("trackingCode")).then().statusCode(200)
                .body("history[1].status", is("NEEDS_INFO"))
                .body("history[1]", not(hasKey("publicNote")))
                .body(not(containsString("Buku nikah")));
    }

    @Test
    void aChangeThatKeepsTheStatusShowsInTrackingOnlyWithAPublicNote() {
        JsonPath receipt = Filings.file(TestAccounts.desaOfficer(DESA), Filings.aktaKelahiran()).statusCode(201).extract().jsonPath();
        long id = receipt.getLong("id");
        String admin = TestAccounts.admin("73.24");
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        long disdukcapil = TestAccounts.opd("73.24", "DISDUKCAPIL");
        act(admin, id, "reassign", Map.of("toOpdId", dinsos, "reason", "internal: salah rute"));
        act(admin, id, "reassign", Map.of("toOpdId", disdukcapil, "reason", "internal: kembali",
                "publicNote", "Permohonan ditangani Disdukcapil"));
        given().get("/api/v1/tracking/" + receipt.getString("trackingCode")).then().statusCode(200)
                .body("history.status", contains("SUBMITTED", "SUBMITTED"))
                .body("history[1].publicNote", is("Permohonan ditangani Disdukcapil"))
                .body(not(containsString("internal")));
    }

    @Test
    @OffContractRequests("a public note over its length")
    void aPublicNoteHasALimitAndARefusedOneChangesNothing() {
        JsonPath receipt = Filings.file(TestAccounts.desaOfficer(DESA), Filings.aktaKelahiran()).statusCode(201).extract().jsonPath();
        long id = receipt.getLong("id");
        String opd = TestAccounts.opdOfficer(receipt.getLong("opd.id"));
        given().auth().oauth2(opd).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("publicNote", "x".repeat(1001)))
                .post("/api/v1/queue/requests/" + id + "/accept").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("violations.field", hasItem(endsWith("publicNote")));
        assertEquals(1, Db.count("select count(*) from request_event where request_id = ?1", id));
        act(opd, id, "accept", Map.of("publicNote", "x".repeat(1000)));
    }

    private static String etag(long id) {
        return "\"" + Db.count("select version from service_request where id = ?1", id) + "\"";
    }

    private static void act(String token, long id, String action, Map<String, Object> body) {
        given().auth().oauth2(token).contentType("application/json").header("If-Match", etag(id)).body(body)
                .post("/api/v1/queue/requests/" + id + "/" + action).then().statusCode(200);
    }
}
