package id.go.layanandesa.document;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desa attaches scans to the documents its request declares: what is kept, what is refused, and that a refusal keeps nothing. */
@QuarkusTest
class AttachmentTest {

    static final int MB = 1024 * 1024;

    @Inject
    BlobStore blobs;

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    static ExtractableResponse<Response> attach(String token, long id, String code, String name, byte[] bytes, String type) {
        return Samples.withFile(token, name, bytes, type).post("/api/v1/requests/" + id + "/documents/" + code + "/files").then().extract();
    }

    long contents() throws Exception {
        List<String> all = new ArrayList<>();
        blobs.forEachWrittenBefore(Instant.now().plusSeconds(3600), all::add);
        return all.size();
    }

    @Test
    void aPhotoOfADeclaredDocumentIsKeptRecordedAndReadBackAsSent() throws Exception {
        long id = Samples.request();
        byte[] photo = Samples.jpeg(300_000);
        int before = Samples.version(id);

        var created = attach(Samples.desaOfficer(), id, "KK", "kk depan.jpg", photo, "image/jpeg");

        assertEquals(201, created.statusCode(), created.asString());
        long fileId = created.jsonPath().getLong("id");
        assertEquals("/api/v1/requests/" + id + "/files/" + fileId, created.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertEquals("ATTACHMENT", created.jsonPath().getString("kind"));
        assertEquals("KK", created.jsonPath().getString("documentCode"));
        assertEquals("kk depan.jpg", created.jsonPath().getString("fileName"));
        assertEquals("image/jpeg", created.jsonPath().getString("mediaType"));
        assertEquals(300_000, created.jsonPath().getInt("size"));
        assertEquals(Samples.sha256(photo), created.jsonPath().getString("sha256"));
        assertEquals(1, Samples.rows(id));
        assertTrue(blobs.exists(Samples.sha256(photo)));
        assertEquals(before + 1, Samples.version(id), "a file is a change of its request");
        assertEquals(List.of("FILED", "DOCUMENT_ATTACHED"), Samples.events(id));
        String note = (String) Db.single("select note from request_event where request_id = ?1 and type = 'DOCUMENT_ATTACHED'", id);
        assertTrue(note.contains(Samples.sha256(photo)) && note.startsWith("KK: image/jpeg"), note);

        as(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/files").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo((int) fileId))
                .body("items[0].href", equalTo("/api/v1/requests/" + id + "/files/" + fileId));

        // the OPD that has the request reads it too, exactly as sent
        var download = as(Samples.disdukcapilOfficer()).get("/api/v1/requests/" + id + "/files/" + fileId).then().extract();
        assertEquals(200, download.statusCode());
        assertArrayEquals(photo, download.asByteArray());
        assertEquals("image/jpeg", download.contentType());
        assertEquals("\"" + Samples.sha256(photo) + "\"", download.header("ETag"));
        assertEquals("private, no-store", download.header("Cache-Control"));
        assertEquals("bytes", download.header("Accept-Ranges"));
        assertEquals("attachment; filename=\"kk depan.jpg\"; filename*=UTF-8''kk%20depan.jpg", download.header("Content-Disposition"));
    }

    @Test
    void aDownloadGoesOnFromWhereItStoppedAndIsNotSentAgainWhenUnchanged() {
        long id = Samples.request();
        byte[] scan = Samples.pdf(100_000);
        long fileId = attach(Samples.desaOfficer(), id, "KK", "kk.pdf", scan, "application/pdf").jsonPath().getLong("id");
        String path = "/api/v1/requests/" + id + "/files/" + fileId;
        String etag = "\"" + Samples.sha256(scan) + "\"";

        var part = as(Samples.desaOfficer()).header("Range", "bytes=1000-1999").get(path).then().extract();
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/100000", part.header("Content-Range"));
        assertArrayEquals(java.util.Arrays.copyOfRange(scan, 1000, 2000), part.asByteArray());

        var rest = as(Samples.desaOfficer()).header("Range", "bytes=99000-").header("If-Range", etag).get(path).then().extract();
        assertEquals(206, rest.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(scan, 99_000, 100_000), rest.asByteArray());

        var tail = as(Samples.desaOfficer()).header("Range", "bytes=-10").get(path).then().extract();
        assertArrayEquals(java.util.Arrays.copyOfRange(scan, 99_990, 100_000), tail.asByteArray());

        // another file under If-Range: the whole file, not a piece of something else
        var changed = as(Samples.desaOfficer()).header("Range", "bytes=0-9").header("If-Range", "\"other\"").get(path).then().extract();
        assertEquals(200, changed.statusCode());
        assertEquals(100_000, changed.asByteArray().length);

        as(Samples.desaOfficer()).header("Range", "bytes=100000-").get(path).then().statusCode(416)
                .header("Content-Range", "bytes */100000").body("code", equalTo("RANGE_NOT_SATISFIABLE"));
        as(Samples.desaOfficer()).header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
    }

    /** One refused upload: the answer, and nothing kept anywhere. */
    void refused(long id, String code, String name, byte[] bytes, String type, int status, String problem) throws Exception {
        long rowsBefore = Db.count("select count(*) from request_file");
        long contentsBefore = contents();
        int version = Samples.version(id);
        var answer = attach(Samples.desaOfficer(), id, code, name, bytes, type);
        assertEquals(status, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(problem, answer.jsonPath().getString("code"), answer.asString());
        assertEquals(rowsBefore, Db.count("select count(*) from request_file"), "no row is left behind");
        assertEquals(contentsBefore, contents(), "no file is left behind");
        assertEquals(version, Samples.version(id), "the request is unchanged");
    }

    @Test
    void whatIsNotAScanOfAnAcceptedTypeIsRefusedByItsContent() throws Exception {
        long id = Samples.request();
        refused(id, "KK", "kk.jpg", new byte[0], "image/jpeg", 415, "FILE_EMPTY");
        refused(id, "KK", "kk.gif", Samples.gif(2000), "image/gif", 415, "FILE_TYPE_NOT_ACCEPTED");
        refused(id, "KK", "kk.jpg", "just some text, not a photo".getBytes(), "image/jpeg", 415, "FILE_TYPE_NOT_ACCEPTED");
        // a PNG sent as a JPEG, and a PNG named .pdf: the content decides, and must agree with what was said of it
        refused(id, "KK", "kk.png", Samples.png(2000), "image/jpeg", 415, "FILE_TYPE_MISMATCH");
        refused(id, "KK", "kk.pdf", Samples.png(2000), "application/octet-stream", 415, "FILE_TYPE_MISMATCH");
        // an unknown name and a generic type say nothing: the content is taken as what it is
        assertEquals(201, attach(Samples.desaOfficer(), id, "KK", "scan", Samples.png(2000), "application/octet-stream").statusCode());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        long id = Samples.request();
        // over the limit with its envelope: refused on the declared length
        refused(id, "KK", "big.jpg", Samples.jpeg(5 * MB + 20_000), "image/jpeg", 413, "PAYLOAD_TOO_LARGE");
        // one byte over the limit, within the envelope's allowance: refused once its exact size is known
        refused(id, "KK", "big.jpg", Samples.jpeg(5 * MB + 1), "image/jpeg", 413, "PAYLOAD_TOO_LARGE");
        assertEquals(201, attach(Samples.desaOfficer(), id, "KK", "max.jpg", Samples.jpeg(5 * MB), "image/jpeg").statusCode());
    }

    @Test
    void onlyADocumentTheRequestDeclaresAsAttachedTakesFiles() throws Exception {
        long id = Samples.request();
        refused(id, "AKTA_NIKAH", "x.pdf", Samples.pdf(1000), "application/pdf", 404, "NOT_FOUND");
        refused(id, "SURAT_KETERANGAN_LAHIR", "x.pdf", Samples.pdf(1000), "application/pdf", 409, "DOCUMENT_NOT_ATTACHED");
        Samples.assertProblem(404, "NOT_FOUND", attach(Samples.desaOfficer(), id + 1_000_000, "KK", "x.pdf", Samples.pdf(1000), "application/pdf"));
    }

    @Test
    void anotherDesaCannotAttachOrRead() {
        long id = Samples.request();
        String other = TestAccounts.desaOfficer("73.24.04.2002");
        var answer = attach(other, id, "KK", "kk.jpg", Samples.jpeg(1000), "image/jpeg");
        assertEquals(404, answer.statusCode());
        assertEquals(0, Samples.rows(id));
        as(other).get("/api/v1/requests/" + id + "/files").then().statusCode(404);
    }

    @Test
    void aRequestPastTheDesaIsClosedToFiles() throws Exception {
        long id = Samples.requestInProgress();
        refused(id, "KK", "kk.jpg", Samples.jpeg(1000), "image/jpeg", 409, "INVALID_TRANSITION");
    }

    @Test
    void aRequestHoldsAtMostTheConfiguredNumberOfFiles() throws Exception {
        long id = Samples.request();
        for (int i = 0; i < 20; i++) {
            assertEquals(201, attach(Samples.desaOfficer(), id, "KK", "hal-" + i + ".jpg", Samples.jpeg(500), "image/jpeg").statusCode());
        }
        refused(id, "KK", "hal-20.jpg", Samples.jpeg(500), "image/jpeg", 409, "TOO_MANY_FILES");
        assertEquals(20, Samples.rows(id));
    }

    @Test
    void aRetryUnderTheSameKeyAttachesOnceAndAnotherFileUnderItIsRefused() throws Exception {
        long id = Samples.request();
        String key = "attach-" + UUID.randomUUID();
        byte[] photo = Samples.jpeg(4000);
        var first = Samples.withFile(Samples.desaOfficer(), "kk.jpg", photo, "image/jpeg").header("Idempotency-Key", key)
                .post("/api/v1/requests/" + id + "/documents/KK/files").then().statusCode(201).extract();
        var again = Samples.withFile(Samples.desaOfficer(), "kk.jpg", photo, "image/jpeg").header("Idempotency-Key", key)
                .post("/api/v1/requests/" + id + "/documents/KK/files").then().statusCode(201).extract();
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.jsonPath().getLong("id"), again.jsonPath().getLong("id"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1, Samples.rows(id));

        long contents = contents();
        Samples.withFile(Samples.desaOfficer(), "kk.jpg", Samples.jpeg(4000), "image/jpeg").header("Idempotency-Key", key)
                .post("/api/v1/requests/" + id + "/documents/KK/files").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, Samples.rows(id));
        assertEquals(contents, contents());
    }

    @Test
    @OffContractRequests("a multipart body without its file part")
    void anUploadWithoutTheFilePartIsRefused() {
        long id = Samples.request();
        as(Samples.desaOfficer()).contentType(Samples.multipartType())
                .body(Samples.multipart("note", "x.txt", "no file here".getBytes(), "text/plain"))
                .post("/api/v1/requests/" + id + "/documents/KK/files")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("violations[0].field", equalTo("file"));
        assertEquals(0, Samples.rows(id));
    }

    @Test
    void theSameScanAttachedToTwoRequestsIsKeptOnce() throws Exception {
        byte[] scan = Samples.pdf(20_000);
        long a = Samples.request();
        long b = Samples.request();
        long contents = contents();
        assertEquals(201, attach(Samples.desaOfficer(), a, "KK", "kk.pdf", scan, "application/pdf").statusCode());
        assertEquals(201, attach(Samples.desaOfficer(), b, "KK", "kk.pdf", scan, "application/pdf").statusCode());
        assertEquals(contents + 1, contents());
        assertEquals(2, Db.count("select count(*) from request_file where sha256 = ?1", Samples.sha256(scan)));
    }
}
