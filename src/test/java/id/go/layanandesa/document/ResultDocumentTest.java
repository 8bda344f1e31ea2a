package id.go.layanandesa.document;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OPD completes a request with the PDF it produced; the desa downloads it; anyone verifies a copy by its code. */
@QuarkusTest
class ResultDocumentTest {

    @Inject
    TestRateLimiter limiter;

    @BeforeEach
    void cleanSlate() {
        limiter.startAfresh();
    }

    static ExtractableResponse<Response> addResult(String token, long id, String name, byte[] bytes, String type) {
        return Samples.withFile(token, name, bytes, type)
                .post("/api/v1/queue/requests/" + id + "/result-document").then().extract();
    }

    static ExtractableResponse<Response> complete(long id, String body) {
        return given().auth().oauth2(Samples.disdukcapilOfficer()).header("If-Match", "\"" + Samples.version(id) + "\"")
                .contentType("application/json").body(body).post("/api/v1/queue/requests/" + id + "/complete").then().extract();
    }

    @Test
    void aRequestCompletedWithItsResultDocumentCanBeDownloadedByTheDesaAndVerifiedByAnyone() {
        long id = Samples.requestInProgress();
        byte[] akta = Samples.pdf(80_000);
        var added = addResult(Samples.disdukcapilOfficer(), id, "akta-aminah.pdf", akta, "application/pdf");
        assertEquals(201, added.statusCode(), added.asString());
        long fileId = added.jsonPath().getLong("id");
        assertEquals("RESULT", added.jsonPath().getString("kind"));
        assertEquals(List.of("FILED", "ACCEPTED", "RESULT_ATTACHED"), Samples.events(id));

        // before the completion only the OPD sees it
        given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/files").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/files/" + fileId).then().statusCode(404);

        var completed = complete(id, "{\"resultNote\":\"Akta selesai\",\"documentNumber\":\"7324-LT-01122026-0042\",\"resultDocumentId\":" + fileId + "}");
        assertEquals(200, completed.statusCode(), completed.asString());
        assertEquals("COMPLETED", completed.jsonPath().getString("status"));
        String note = completed.jsonPath().getString("history[-1].note");
        assertTrue(note.contains("sha256 " + Samples.sha256(akta)), "its SHA-256 is in the history: " + note);
        String code = (String) Db.single("select verification_code from request_file where id = ?1", fileId);
        assertNotNull(code);
        assertTrue(note.contains(code), note);

        var listed = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/files").then().statusCode(200).extract();
        assertEquals(code, listed.jsonPath().getString("items[0].verificationCode"));
        byte[] downloaded = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/files/" + fileId)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(akta, downloaded);

        // anyone, without an account: what it is, nothing personal
        var verified = given().get("/api/v1/verification/" + code.toLowerCase().replace("-", "")).then().statusCode(200).extract();
        assertEquals(code, verified.jsonPath().getString("verificationCode"));
        assertEquals("Penerbitan Akta Kelahiran", verified.jsonPath().getString("service"));
        assertEquals("Dinas Kependudukan dan Pencatatan Sipil", verified.jsonPath().getString("opd"));
        assertEquals("7324-LT-01122026-0042", verified.jsonPath().getString("documentNumber"));
        assertEquals(Samples.sha256(akta), verified.jsonPath().getString("sha256"));
        assertNotNull(verified.jsonPath().getString("date"));
        assertFalse(verified.asString().contains("Siti") || verified.asString().contains("7324044107900001"), verified.asString());
        assertFalse(verified.asString().contains("sha256Matches"), "absent unless a copy's hash is given");
    }

    @Test
    void theGenuineFilesHashMatchesAndAForgedOneDoesNot() {
        long id = Samples.requestInProgress();
        byte[] akta = Samples.pdf(5000);
        long fileId = addResult(Samples.disdukcapilOfficer(), id, "akta.pdf", akta, "application/pdf").jsonPath().getLong("id");
        assertEquals(200, complete(id, "{\"resultNote\":\"Selesai\",\"resultDocumentId\":" + fileId + "}").statusCode());
        String code = (String) Db.single("select verification_code from request_file where id = ?1", fileId);

        given().queryParam("sha256", Samples.sha256(akta)).get("/api/v1/verification/" + code).then().statusCode(200)
                .body("sha256Matches", equalTo(true));
        byte[] forged = akta.clone();
        forged[4000] ^= 1;
        given().queryParam("sha256", Samples.sha256(forged)).get("/api/v1/verification/" + code).then().statusCode(200)
                .body("sha256Matches", equalTo(false)).body("sha256", equalTo(Samples.sha256(akta)));
        given().get("/api/v1/verification/ZZZZ-ZZZZ-ZZ").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void verificationIsLimitedPerAddressLikeTracking() {
        int limit = 30;
        for (int i = 0; i < limit; i++) {
            given().get("/api/v1/verification/ZZZZ-ZZZZ-ZZ").then().statusCode(404);
        }
        given().get("/api/v1/verification/ZZZZ-ZZZZ-ZZ").then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aResultDocumentIsAPdfByItsContent() {
        long id = Samples.requestInProgress();
        Samples.assertProblem(415, "FILE_TYPE_NOT_ACCEPTED", addResult(Samples.disdukcapilOfficer(), id, "akta.png", Samples.png(3000), "image/png"));
        assertEquals(0, Samples.rows(id));
    }

    @Test
    void aNewResultDocumentReplacesTheOneWaitingAndOnlyOneAddedToThisRequestCompletesIt() {
        long id = Samples.requestInProgress();
        long first = addResult(Samples.disdukcapilOfficer(), id, "v1.pdf", Samples.pdf(3000), "application/pdf").jsonPath().getLong("id");
        long second = addResult(Samples.disdukcapilOfficer(), id, "v2.pdf", Samples.pdf(3000), "application/pdf").jsonPath().getLong("id");
        assertEquals(1, Samples.rows(id));

        long elsewhere = Samples.requestInProgress();
        long foreign = addResult(Samples.disdukcapilOfficer(), elsewhere, "x.pdf", Samples.pdf(3000), "application/pdf").jsonPath().getLong("id");
        int version = Samples.version(id);
        for (long wrong : new long[]{first, foreign}) {
            var refused = complete(id, "{\"resultNote\":\"Selesai\",\"resultDocumentId\":" + wrong + "}");
            assertEquals(400, refused.statusCode(), refused.asString());
            assertEquals("resultDocumentId", refused.jsonPath().getString("violations[0].field"));
        }
        assertEquals(version, Samples.version(id), "a refused completion changes nothing");
        assertEquals("IN_PROGRESS", Db.single("select status from service_request where id = ?1", id));
        assertEquals(200, complete(id, "{\"resultNote\":\"Selesai\",\"resultDocumentId\":" + second + "}").statusCode());
    }

    @Test
    void onlyTheOpdThatWorksTheRequestAddsItsResultAndOnlyWhileItIsInProgress() {
        long submitted = Samples.request();
        Samples.assertProblem(409, "INVALID_TRANSITION", addResult(Samples.disdukcapilOfficer(), submitted, "a.pdf", Samples.pdf(1000), "application/pdf"));

        long id = Samples.requestInProgress();
        String dinsos = TestAccounts.opdOfficer(TestAccounts.opd("73.24", "DINSOS"));
        assertEquals(404, addResult(dinsos, id, "a.pdf", Samples.pdf(1000), "application/pdf").statusCode());
        given().auth().oauth2(dinsos).get("/api/v1/requests/" + id + "/files").then().statusCode(404);
        assertEquals(0, Samples.rows(submitted) + Samples.rows(id));
    }
}
