package id.go.layanandesa.document;

import id.go.layanandesa.audit.AuditReads;
import id.go.layanandesa.retention.PersonalDataPurge;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Files are citizens' personal data too: reading a request's files, downloading one and printing its receipt are
 * recorded in the audit trail; a purge at the end of the retention period takes the files with the rest; a citizen's
 * export names them.
 */
@QuarkusTest
class FilesPersonalDataTest {

    /** Requests said to have finished before this are the ones a purge of this test takes (no other test dates one so). */
    static final Instant CUTOFF = Instant.parse("1990-01-01T00:00:00Z");

    @Inject
    AuditReads reads;

    @Inject
    PersonalDataPurge purge;

    @Inject
    BlobStore blobs;

    @Inject
    BlobSweeper sweeper;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestRateLimiter limiter;

    @BeforeEach
    void cleanSlate() {
        limiter.startAfresh();
    }

    static long attach(long id, String name, byte[] bytes) {
        var created = AttachmentTest.attach(Samples.desaOfficer(), id, "KK", name, bytes, "image/jpeg");
        assertEquals(201, created.statusCode(), created.asString());
        return created.jsonPath().getLong("id");
    }

    /** The entries of reads of the request's files as "action role actor", oldest first. */
    static List<String> fileReadsOf(long id) {
        List<String> found = new ArrayList<>();
        for (Object[] row : Db.rows("select action, actor_role || ' ' || actor from audit_entry where ?1 = any(request_ids) "
                + "and action in ('listRequestFiles', 'downloadRequestFile', 'requestReceipt') order by id", id)) {
            found.add(row[0] + " " + row[1]);
        }
        return found;
    }

    @Test
    void readingARequestsFilesDownloadingOneAndItsReceiptAreRecordedReads() {
        long id = Samples.request();
        long file = attach(id, "kk.jpg", Samples.jpeg(20_000));
        String desa = Samples.desaOfficer();
        String opd = Samples.disdukcapilOfficer();
        String otherDesa = TestAccounts.desaOfficer("73.24.04.2002");

        given().auth().oauth2(desa).get("/api/v1/requests/" + id + "/files").then().statusCode(200);
        String etag = given().auth().oauth2(opd).get("/api/v1/requests/" + id + "/files/" + file).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(opd).header("Range", "bytes=0-99").get("/api/v1/requests/" + id + "/files/" + file).then().statusCode(206);
        given().auth().oauth2(opd).header("If-None-Match", etag).get("/api/v1/requests/" + id + "/files/" + file).then().statusCode(304);
        given().auth().oauth2(otherDesa).get("/api/v1/requests/" + id + "/files/" + file).then().statusCode(404);
        given().auth().oauth2(otherDesa).get("/api/v1/requests/" + id + "/files").then().statusCode(404);
        given().auth().oauth2(desa).get("/api/v1/requests/" + id + "/files/" + (file + 100_000)).then().statusCode(404);
        given().auth().oauth2(desa).get("/api/v1/requests/" + id + "/receipt").then().statusCode(200);
        given().auth().oauth2(desa).get("/api/v1/requests/" + id + "/receipt/qr").then().statusCode(200);
        reads.flush();

        List<String> recorded = fileReadsOf(id);
        assertEquals(4, recorded.size(), "the list, the whole file, its range and the receipt; not the 304, the 404s or the QR: " + recorded);
        assertTrue(recorded.get(0).startsWith("listRequestFiles "), recorded.toString());
        assertTrue(recorded.get(1).startsWith("downloadRequestFile ") && recorded.get(2).startsWith("downloadRequestFile "), recorded.toString());
        assertEquals(recorded.get(1), recorded.get(2), "both downloads by the same OPD officer");
        assertTrue(recorded.get(0).startsWith("listRequestFiles DESA_OFFICER "), recorded.toString());
        assertTrue(recorded.get(1).startsWith("downloadRequestFile OPD_OFFICER "), recorded.toString());
        assertTrue(recorded.get(3).startsWith("requestReceipt "), recorded.toString());
        assertEquals(recorded.get(0).replace("listRequestFiles", "requestReceipt"), recorded.get(3), "both by the desa");
        assertEquals(List.of("REQUEST " + id), Db.rowsOf("select target_type || ' ' || target_id from audit_entry where ?1 = any(request_ids) "
                + "and action = 'downloadRequestFile' limit 1", id));
        String entries = (String) Db.single("select string_agg(to_jsonb(a)::text, '|') from audit_entry a where ?1 = any(request_ids)", id);
        for (String personal : List.of(Filings.NIK, "Siti Rahmawati", "kk.jpg")) {
            assertFalse(entries.contains(personal), personal + " is in the trail");
        }
    }

    @Test
    void aPurgeTakesTheRequestsFilesAndUploadsFromTheStoreAndKeepsWhatAnotherRequestHolds() {
        byte[] scan = Samples.jpeg(40_000);
        byte[] shared = Samples.jpeg(30_000);
        byte[] akta = Samples.pdf(20_000);
        long old = Samples.request();
        long young = Samples.request();
        long scanId = attach(old, "kk-depan.jpg", scan);
        long sharedId = attach(old, "kk-belakang.jpg", shared);
        long youngShared = attach(young, "kk-belakang.jpg", shared);
        // an upload the desa began and never finished: the bytes received are kept until it expires
        String upload = ResumableUploadTest.create(Samples.desaOfficer(), old, "KK", 10_000, "kk-lagi.jpg");
        assertEquals(204, ResumableUploadTest.patch(Samples.desaOfficer(), upload, 0, java.util.Arrays.copyOf(Samples.jpeg(10_000), 4_000))
                .statusCode());
        String opd = Samples.disdukcapilOfficer();
        given().auth().oauth2(opd).header("If-Match", "\"" + Samples.version(old) + "\"").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/queue/requests/" + old + "/accept").then().statusCode(200);
        long result = ResultDocumentTest.addResult(opd, old, "akta.pdf", akta, "application/pdf").jsonPath().getLong("id");
        assertEquals(200, ResultDocumentTest.complete(old, "{\"resultNote\":\"Selesai\",\"resultDocumentId\":" + result + "}").statusCode());
        String code = (String) Db.single("select verification_code from request_file where id = ?1", result);
        given().get("/api/v1/verification/" + code).then().statusCode(200);
        Db.exec("update service_request set finished_at = ?1 where id = ?2", Timestamp.from(CUTOFF.minus(3650, ChronoUnit.DAYS)), old);
        assertEquals(3, Samples.rows(old));
        assertEquals(1, Db.count("select count(*) from file_upload where request_id = ?1", old));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertEquals(1, purge.purgeBatch("73.24", Period.ofYears(5), CUTOFF, 100, now));

        assertEquals(0, Samples.rows(old), "no row of its files");
        assertEquals(0, Db.count("select count(*) from file_upload where request_id = ?1", old), "nor of its uploads");
        assertEquals(0, Db.count("select count(*) from file_upload_chunk c where not exists (select 1 from file_upload u where u.id = c.upload_id)"));
        assertFalse(exists(Samples.sha256(scan)), "its own scan is gone from the store");
        assertFalse(exists(Samples.sha256(akta)), "and so is its result document");
        assertTrue(exists(Samples.sha256(shared)), "the same scan attached to a request still kept stays");
        for (long file : List.of(scanId, sharedId, result)) {
            given().auth().oauth2(opd).get("/api/v1/requests/" + old + "/files/" + file).then().statusCode(404);
            given().auth().oauth2(TestAccounts.admin("73.24")).get("/api/v1/requests/" + old + "/files/" + file).then().statusCode(404);
        }
        given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + old + "/files").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(Samples.desaOfficer()).head(upload).then().statusCode(404);
        given().get("/api/v1/verification/" + code).then().statusCode(404);
        assertEquals("PERSONAL_DATA_PURGED", Samples.events(old).get(Samples.events(old).size() - 1));
        byte[] stillThere = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + young + "/files/" + youngShared)
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(shared, stillThere);
        assertEquals(1, Samples.rows(young));
    }

    @Test
    void whileABackupCopiesTheFilesAPurgeLeavesTheirContentToALaterSweep() throws Exception {
        byte[] scan = Samples.jpeg(35_000);
        String sha256 = Samples.sha256(scan);
        long old = Samples.request();
        attach(old, "kk-cadangan.jpg", scan);
        given().auth().oauth2(Samples.disdukcapilOfficer()).header("If-Match", "\"" + Samples.version(old) + "\"")
                .contentType(ContentType.JSON).body("{}").post("/api/v1/queue/requests/" + old + "/accept").then().statusCode(200);
        assertEquals(200, ResultDocumentTest.complete(old, "{\"resultNote\":\"Selesai\"}").statusCode());
        Db.exec("update service_request set finished_at = ?1 where id = ?2", Timestamp.from(CUTOFF.minus(3650, ChronoUnit.DAYS)), old);

        try (Connection backup = dataSource.getConnection(); Statement s = backup.createStatement()) {
            // what a backup holds from before its snapshot until it has copied the data folder's files
            s.execute("select pg_advisory_lock(hashtext('layanan-blob-deletion'), 0)");
            assertEquals(1, purge.purgeBatch("73.24", Period.ofYears(5), CUTOFF, 100, Instant.now().truncatedTo(ChronoUnit.MICROS)));
            assertEquals(0, Samples.rows(old), "the rows go at once");
            assertTrue(exists(sha256), "the content stays while the backup that may name it copies the files");
            s.execute("select pg_advisory_unlock(hashtext('layanan-blob-deletion'), 0)");
        }
        FileBlobStore files = assertInstanceOf(FileBlobStore.class, blobs, "the suite keeps files in the data folder");
        Files.setLastModifiedTime(files.pathOf(sha256), FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        sweeper.sweep();
        assertFalse(exists(sha256), "the next sweep takes it, past its grace");
    }

    boolean exists(String sha256) {
        try {
            return blobs.exists(sha256);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCitizensExportNamesTheFilesOfTheirRequestsButHoldsNoContent() {
        String nik = "7324044107908101";
        Map<String, Object> filing = Filings.aktaKelahiran();
        @SuppressWarnings("unchecked")
        Map<String, Object> citizen = (Map<String, Object>) filing.get("citizen");
        citizen.put("nik", nik);
        long id = ((Number) Filings.file(Samples.desaOfficer(), filing).statusCode(201).extract().path("id")).longValue();
        long other = Samples.request();
        byte[] front = Samples.jpeg(12_345);
        long frontId = attach(id, "kk-depan.jpg", front);
        attach(other, "kk-lain.jpg", Samples.jpeg(1_000));

        JsonPath export = given().auth().oauth2(TestAccounts.admin("73.24")).contentType(ContentType.JSON).body(Map.of("nik", nik))
                .post("/api/v1/personal-data/export").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of((int) id), export.getList("requests.id"));
        assertEquals(1, export.getList("files").size(), "only the files of the NIK's requests");
        Map<String, Object> held = export.getMap("files[0]");
        assertEquals(Set.of("requestId", "fileId", "kind", "documentCode", "fileName", "mediaType", "size", "sha256", "uploadedAt", "href"),
                new TreeSet<>(held.keySet()), "what the file is, not its content");
        assertEquals((int) id, held.get("requestId"));
        assertEquals((int) frontId, held.get("fileId"));
        assertEquals("ATTACHMENT", held.get("kind"));
        assertEquals("KK", held.get("documentCode"));
        assertEquals("kk-depan.jpg", held.get("fileName"));
        assertEquals("image/jpeg", held.get("mediaType"));
        assertEquals(12_345, held.get("size"));
        assertEquals(Samples.sha256(front), held.get("sha256"));
        assertNotNull(Instant.parse((String) held.get("uploadedAt")));
        assertEquals("/api/v1/requests/" + id + "/files/" + frontId, held.get("href"));
        given().auth().oauth2(TestAccounts.admin("73.24")).get((String) held.get("href")).then().statusCode(200);

        JsonPath none = given().auth().oauth2(TestAccounts.admin("73.24")).contentType(ContentType.JSON).body(Map.of("nik", "7324044107908102"))
                .post("/api/v1/personal-data/export").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), none.getList("files"), "always present, empty when nothing is held");
    }
}
