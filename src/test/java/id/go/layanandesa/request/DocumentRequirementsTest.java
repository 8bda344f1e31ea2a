package id.go.layanandesa.request;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * The demo catalog's documents as the current rules have them, enforced when filing and when supplying information:
 * no RT/RW letter for civil registration, the police letter only for a lost KTP, an SPTJM instead of the birth letter.
 */
@QuarkusTest
class DocumentRequirementsTest {

    static final String OFFICER_DESA = "73.24.04.2001";

    static Map<String, Object> ktpReplacement(String reason, List<Map<String, Object>> documents) {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceTypeId", Db.serviceType("73.24", "KTP_HILANG"));
        body.put("citizen", Map.of("nik", Filings.NIK, "name", "Siti Rahmawati"));
        body.put("answers", Map.of("alasan", reason));
        body.put("documents", documents);
        return body;
    }

    static Map<String, Object> doc(String code, String provision) {
        return Map.of("code", code, "provision", provision);
    }

    static String officer() {
        return TestAccounts.desaOfficer(OFFICER_DESA);
    }

    @Test
    void aLostKtpNeedsThePoliceLetterAndADamagedOneDoesNot() {
        String officer = officer();
        Filings.file(officer, ktpReplacement("HILANG", List.of(doc("KK", "ON_PAPER")))).statusCode(400)
                .body("violations.field", contains("documents"))
                .body("violations.message", contains("document SURAT_KEHILANGAN_POLISI is required when alasan is HILANG and is not declared"));
        Filings.file(officer, ktpReplacement("HILANG", List.of(doc("KK", "ON_PAPER"), doc("SURAT_KEHILANGAN_POLISI", "NOT_APPLICABLE"))))
                .statusCode(400).body("violations.field", contains("documents[1].provision"));
        Filings.file(officer, ktpReplacement("HILANG", List.of(doc("KK", "ON_PAPER"), doc("SURAT_KEHILANGAN_POLISI", "ATTACHED"))))
                .statusCode(201);
        // damaged: the police letter may be left out, the damaged card is what is needed
        Filings.file(officer, ktpReplacement("RUSAK", List.of(doc("KK", "ON_PAPER")))).statusCode(400)
                .body("violations.message", contains("document KTP_EL_RUSAK is required when alasan is RUSAK and is not declared"));
        Filings.file(officer, ktpReplacement("RUSAK", List.of(doc("KK", "ON_PAPER"), doc("KTP_EL_RUSAK", "ON_PAPER"),
                doc("SURAT_KEHILANGAN_POLISI", "NOT_APPLICABLE")))).statusCode(201);
    }

    @Test
    void anSptjmStandsInForTheBirthLetter() {
        String officer = officer();
        Map<String, Object> body = Filings.aktaKelahiran();
        body.put("documents", List.of(doc("SPTJM_KELAHIRAN", "ON_PAPER"), doc("KK", "ATTACHED")));
        Filings.file(officer, body).statusCode(201);
        body.put("documents", List.of(doc("SURAT_KETERANGAN_LAHIR", "NOT_APPLICABLE"), doc("SPTJM_KELAHIRAN", "ATTACHED"), doc("KK", "ATTACHED")));
        Filings.file(officer, body).statusCode(201);
        body.put("documents", List.of(doc("KK", "ATTACHED")));
        Filings.file(officer, body).statusCode(400).body("violations.field", contains("documents"))
                .body("violations.message", contains("mandatory document SURAT_KETERANGAN_LAHIR (or SPTJM_KELAHIRAN) is not declared"));
        body.put("documents", List.of(doc("SURAT_KETERANGAN_LAHIR", "NOT_APPLICABLE"), doc("SPTJM_KELAHIRAN", "NOT_APPLICABLE"),
                doc("KK", "ATTACHED")));
        Filings.file(officer, body).statusCode(400).body("violations.field", contains("documents[0].provision"))
                .body("violations.message", contains("a mandatory document must be ATTACHED or ON_PAPER, unless one of its alternatives SPTJM_KELAHIRAN is"));
    }

    @Test
    void civilRegistrationNeedsNoRtRwLetter() {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceTypeId", Db.serviceType("73.24", "KTP_BARU"));
        body.put("citizen", Map.of("nik", Filings.NIK, "name", "Siti Rahmawati"));
        body.put("answers", Map.of("nama_lengkap", "Siti Rahmawati", "tanggal_lahir", "1990-07-01", "sudah_rekam", false));
        body.put("documents", List.of(doc("KK", "ON_PAPER")));
        Filings.file(officer(), body).statusCode(201);
        body.put("documents", List.of(doc("KK", "ON_PAPER"), doc("SURAT_PENGANTAR_RT", "ON_PAPER")));
        Filings.file(officer(), body).statusCode(400).body("violations.field", contains("documents[1].code"));
    }

    @Test
    void suppliedInformationMustStillMeetTheRequirementsOfTheWholeRequest() {
        String officer = officer();
        long id = ((Number) Filings.file(officer, ktpReplacement("RUSAK", List.of(doc("KK", "ON_PAPER"), doc("KTP_EL_RUSAK", "ON_PAPER"))))
                .statusCode(201).extract().path("id")).longValue();
        String opd = TestAccounts.opdOfficer(TestAccounts.opd("73.24", "DISDUKCAPIL"));
        given().auth().oauth2(opd).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("missing", List.of("KTP_EL_RUSAK"), "note", "KTP-el hilang atau rusak? Mohon dipastikan"))
                .post("/api/v1/queue/requests/" + id + "/request-info").then().statusCode(200).body("status", is("NEEDS_INFO"));
        int version = ((Number) Db.single("select version from service_request where id = ?1", id)).intValue();
        // the card was lost after all: now the police letter is needed
        given().auth().oauth2(officer).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("alasan", "HILANG"), "note", "Ternyata hilang"))
                .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(400)
                .body("violations.message", contains("document SURAT_KEHILANGAN_POLISI is required when alasan is HILANG and is not declared"));
        given().auth().oauth2(officer).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("alasan", "HILANG"), "documents", List.of(doc("SURAT_KEHILANGAN_POLISI", "NOT_APPLICABLE")),
                        "note", "Ternyata hilang"))
                .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(400)
                .body("violations.field", contains("documents[0].provision"));
        given().auth().oauth2(officer).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("alasan", "HILANG"), "documents", List.of(doc("SURAT_KEHILANGAN_POLISI", "ON_PAPER")),
                        "note", "Ternyata hilang"))
                .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(200).body("status", is("SUBMITTED"))
                .body("answers.alasan", is("HILANG")).body("documents.code", hasItems("KK", "KTP_EL_RUSAK", "SURAT_KEHILANGAN_POLISI"));
    }
}
