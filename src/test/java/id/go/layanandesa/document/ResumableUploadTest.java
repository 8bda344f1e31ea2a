package id.go.layanandesa.document;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.RawHttp;
import id.go.layanandesa.account.TokenIssuer;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resumable uploads (tus 1.0) on a link that drops: what arrived is kept, and the rest completes the file without starting over. */
@QuarkusTest
class ResumableUploadTest {

    static String metadata(String fileName) {
        return "filename " + Base64.getEncoder().encodeToString(fileName.getBytes(StandardCharsets.UTF_8));
    }

    static String create(String token, long requestId, String code, long length, String fileName) {
        var created = given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata(fileName))
                .post("/api/v1/requests/" + requestId + "/documents/" + code + "/uploads").then().extract();
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals("1.0.0", created.header("Tus-Resumable"));
        return created.header("Location").replaceFirst("^https?://[^/]+", "");
    }

    static ExtractableResponse<Response> patch(String token, String upload, long offset, byte[] bytes) {
        return given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
                .contentType("application/offset+octet-stream").body(bytes).patch(upload).then().extract();
    }

    static long offset(String token, String upload) {
        var head = given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").head(upload).then().statusCode(200).extract();
        return Long.parseLong(head.header("Upload-Offset"));
    }

    @Test
    void anUploadCutOffMidwayCompletesFromWhereItStoppedWithoutStartingOver() throws Exception {
        long id = Samples.request();
        String token = Samples.desaOfficer();
        byte[] photo = Samples.jpeg(5 * 1024 * 1024);
        String upload = create(token, id, "KK", photo.length, "kk-foto.jpg");
        assertEquals(0, offset(token, upload));

        // the whole file announced, 1.3 MB sent, then the link drops
        int sent = 1_300_000;
        try (RawHttp raw = new RawHttp()) {
            raw.head("PATCH " + upload + " HTTP/1.1", "Host: localhost", "Authorization: Bearer " + token, "Tus-Resumable: 1.0.0",
                    "Upload-Offset: 0", "Content-Type: application/offset+octet-stream", "Content-Length: " + photo.length);
            raw.send(Arrays.copyOf(photo, sent));
        }
        long kept = 0;
        for (int i = 0; i < 100; i++) {
            Thread.sleep(100);
            long now = offset(token, upload);
            if (now == kept && now > 0) {
                break;
            }
            kept = now;
        }
        assertTrue(kept > 0 && kept <= sent, "what arrived before the drop is kept: " + kept);
        assertEquals(0, Samples.rows(id), "not a file of the request yet");

        // the rest, in two pieces from where it stands
        int middle = (int) kept + 1_000_000;
        var second = patch(token, upload, kept, Arrays.copyOfRange(photo, (int) kept, middle));
        assertEquals(204, second.statusCode(), second.asString());
        assertEquals(Long.toString(middle), second.header("Upload-Offset"));
        var last = patch(token, upload, middle, Arrays.copyOfRange(photo, middle, photo.length));
        assertEquals(204, last.statusCode(), last.asString());
        assertEquals(Integer.toString(photo.length), last.header("Upload-Offset"));

        var files = given().auth().oauth2(token).get("/api/v1/requests/" + id + "/files").then().statusCode(200).extract();
        assertEquals(1, files.jsonPath().getList("items").size());
        assertEquals(Samples.sha256(photo), files.jsonPath().getString("items[0].sha256"));
        assertEquals("kk-foto.jpg", files.jsonPath().getString("items[0].fileName"));
        byte[] back = given().auth().oauth2(token).get(files.jsonPath().getString("items[0].href")).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(photo, back);
        assertEquals(0, Db.count("select count(*) from file_upload_chunk c join file_upload u on u.id = c.upload_id where u.request_id = ?1", id),
                "its pieces are gone once the file is whole");
        assertTrue(Samples.events(id).contains("DOCUMENT_ATTACHED"));
        // a repeat of the last PATCH after a lost answer changes nothing
        assertEquals(409, patch(token, upload, middle, Arrays.copyOfRange(photo, middle, photo.length)).statusCode());
        assertEquals(204, patch(token, upload, photo.length, new byte[0]).statusCode());
        assertEquals(1, Samples.rows(id));
    }

    /** A new request's KK upload, announced at {@code length} bytes by the desa officer who filed the request. */
    record KkUpload(long requestId, String token, String path) {

        static KkUpload announced(long length) {
            long id = Samples.request();
            String token = Samples.desaOfficer();
            return new KkUpload(id, token, create(token, id, "KK", length, "kk.jpg"));
        }

        ExtractableResponse<Response> send(long offset, byte[] bytes) {
            return patch(token, path, offset, bytes);
        }

        long offset() {
            return ResumableUploadTest.offset(token, path);
        }
    }

    @Test
    void bytesSentFromTheWrongOffsetAreRefused() {
        KkUpload upload = KkUpload.announced(10_000);
        Samples.assertProblem(409, "UPLOAD_OFFSET_MISMATCH", upload.send(500, Samples.jpeg(100)));
        assertEquals(0, upload.offset());
    }

    @Test
    void aFileOfTheWrongKindIsRefusedAtItsFirstBytesAndItsUploadDropped() {
        KkUpload upload = KkUpload.announced(10_000);
        Samples.assertProblem(415, "FILE_TYPE_NOT_ACCEPTED", upload.send(0, Samples.gif(10_000)));
        given().auth().oauth2(upload.token()).head(upload.path()).then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from file_upload where request_id = ?1", upload.requestId()));
    }

    @Test
    void moreBytesThanAnnouncedAreRefused() {
        KkUpload upload = KkUpload.announced(1000);
        assertEquals(413, upload.send(0, Samples.jpeg(1001)).statusCode());
        assertEquals(0, upload.offset());
    }

    @Test
    void anUploadIsCheckedWhenCreatedAndReachableOnlyByItsCreator() {
        long id = Samples.request();
        String token = Samples.desaOfficer();
        given().auth().oauth2(token).header("Upload-Length", Long.toString(5 * 1024 * 1024 + 1)).post("/api/v1/requests/" + id + "/documents/KK/uploads")
                .then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        given().auth().oauth2(token).header("Upload-Length", "100").post("/api/v1/requests/" + id + "/documents/SURAT_KETERANGAN_LAHIR/uploads")
                .then().statusCode(409).body("code", equalTo("DOCUMENT_NOT_ATTACHED"));
        assertEquals(0, Db.count("select count(*) from file_upload where request_id = ?1", id));

        String upload = create(token, id, "KK", 100, "kk.jpg");
        var colleague = AuthFixtures.account(AuthFixtures.uniqueUsername("colleague"), null, Role.DESA_OFFICER, "73.24", Samples.DESA, null);
        String sameDesaOtherOfficer = io.quarkus.arc.Arc.container().instance(TokenIssuer.class).get().issue(colleague).value();
        given().auth().oauth2(sameDesaOtherOfficer).head(upload).then().statusCode(404);
        given().auth().oauth2(sameDesaOtherOfficer).delete(upload).then().statusCode(404);
        given().auth().oauth2(token).delete(upload).then().statusCode(204);
        given().auth().oauth2(token).head(upload).then().statusCode(404);
    }

    @Test
    void theResultDocumentCanBeUploadedResumablyToo() {
        long id = Samples.requestInProgress();
        String token = Samples.disdukcapilOfficer();
        byte[] akta = Samples.pdf(600_000);
        var created = given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(akta.length))
                .header("Upload-Metadata", metadata("akta.pdf")).post("/api/v1/queue/requests/" + id + "/result-document/uploads")
                .then().statusCode(201).extract();
        String upload = created.header("Location").replaceFirst("^https?://[^/]+", "");
        assertEquals(204, patch(token, upload, 0, akta).statusCode());
        given().auth().oauth2(token).get("/api/v1/requests/" + id + "/files").then().statusCode(200)
                .body("items[0].kind", equalTo("RESULT")).body("items[0].sha256", equalTo(Samples.sha256(akta)));
    }

    @Test
    void theCapabilitiesAreOpenToAnyone() {
        var options = given().options("/api/v1/uploads").then().statusCode(204).extract();
        assertEquals("1.0.0", options.header("Tus-Version"));
        assertEquals("creation,termination,expiration", options.header("Tus-Extension"));
        assertEquals(Long.toString(5 * 1024 * 1024), options.header("Tus-Max-Size"));
    }
}
