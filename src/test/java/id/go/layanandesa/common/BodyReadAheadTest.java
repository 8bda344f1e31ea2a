package id.go.layanandesa.common;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.RawHttp;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small JSON bodies that declare their length are read whole before the API parses them (see {@link HttpLimits}):
 * every answer is the one a streamed body gets, a body that arrives in pieces is waited for without holding a
 * thread, and one that never arrives whole ends with its connection after the read timeout (short here). Bodies
 * of every other kind (chunked, multipart, tus) go on as before.
 */
@QuarkusTest
@TestProfile(BodyReadAheadTest.ShortReadTimeout.class)
class BodyReadAheadTest {

    /** The service with a read timeout of a few seconds, so that a stalled body's end can be seen. */
    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "4S");
        }
    }

    static final String DESA = "73.24.04.2001";

    static byte[] filing() {
        return HttpLimitsTest.FILING.formatted(Db.serviceType("73.24", "AKTA_KELAHIRAN")).getBytes(StandardCharsets.UTF_8);
    }

    static String[] filingHead(String token, String... more) {
        List<String> lines = new ArrayList<>(List.of("POST /api/v1/requests HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                "Authorization: Bearer " + token));
        lines.addAll(Arrays.asList(more));
        return lines.toArray(String[]::new);
    }

    static long requestRows() {
        return Db.count("select count(*) from service_request");
    }

    static void isFiled(RawHttp.Answer answer) {
        assertEquals(201, answer.status(), answer.head() + "\n" + answer.body());
        long id = JsonPath.from(answer.body()).getLong("id");
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1", id));
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'FILED'", id));
    }

    @Test
    void aFilingWithItsLengthDeclaredIsFiledAndStored() {
        String token = TestAccounts.desaOfficer(DESA);
        long before = requestRows();
        long id = ((Number) Filings.file(token, Filings.aktaKelahiran()).statusCode(201)
                .body("status", is("SUBMITTED")).extract().path("id")).longValue();
        assertEquals(before + 1, requestRows());
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'FILED' and to_status = 'SUBMITTED'", id));
    }

    /** HTTP/2 bodies are streamed to the API whether they declare their length or not. */
    @Test
    void anHttp2FilingWithItsLengthDeclaredIsFiled() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        String base = "http://localhost:" + RestAssured.port;
        // the first request upgrades the connection to HTTP/2
        client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/q/health/live")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var filed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/requests"))
                        .header("Authorization", "Bearer " + TestAccounts.desaOfficer(DESA)).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(filing())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, filed.version());
        assertEquals(201, filed.statusCode(), filed.body());
        long id = JsonPath.from(filed.body()).getLong("id");
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1", id));
    }

    @Test
    void aBodyInTwoPiecesIsWaitedForAndFiled() throws Exception {
        byte[] filing = filing();
        int half = filing.length / 2;
        try (RawHttp http = new RawHttp()) {
            http.head(filingHead(TestAccounts.desaOfficer(DESA), "Content-Length: " + filing.length));
            http.send(Arrays.copyOfRange(filing, 0, 10));
            Thread.sleep(300);
            http.send(Arrays.copyOfRange(filing, 10, half));
            Thread.sleep(300);
            http.send(Arrays.copyOfRange(filing, half, filing.length));
            isFiled(http.answer());
        }
    }

    @Test
    void aChunkedFilingIsStillFiled() throws Exception {
        byte[] filing = filing();
        try (RawHttp http = new RawHttp()) {
            http.head(filingHead(TestAccounts.desaOfficer(DESA), "Transfer-Encoding: chunked"));
            http.chunk(Arrays.copyOfRange(filing, 0, 40)).chunk(Arrays.copyOfRange(filing, 40, filing.length)).chunk(new byte[0]);
            isFiled(http.answer());
        }
    }

    /** The same bytes, once with their length declared (read ahead) and once chunked (streamed): the same problem. */
    @Test
    void aBadBodyGetsTheSameProblemWhetherReadAheadOrStreamed() throws Exception {
        String token = TestAccounts.desaOfficer(DESA);
        String valid = new String(filing(), StandardCharsets.UTF_8);
        String[] bodies = {
            valid.substring(0, valid.length() - 20),
            valid + " garbage",
            "{\"serviceTypeId\": \"satu\"}",
            valid.replaceFirst("\"serviceTypeId\": \\d+", "\"serviceTypeId\": 1.5"),
        };
        long before = requestRows();
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer declared;
            try (RawHttp http = new RawHttp()) {
                declared = http.head(filingHead(token, "Content-Length: " + bytes.length)).send(bytes).answer();
            }
            RawHttp.Answer chunked;
            try (RawHttp http = new RawHttp()) {
                chunked = http.head(filingHead(token, "Transfer-Encoding: chunked")).chunk(bytes).chunk(new byte[0]).answer();
            }
            assertEquals(400, declared.status(), body + "\n" + declared.body());
            assertEquals("application/problem+json", declared.contentType());
            assertEquals(chunked.status(), declared.status());
            assertEquals(chunked.contentType(), declared.contentType());
            JsonPath a = JsonPath.from(declared.body());
            JsonPath b = JsonPath.from(chunked.body());
            for (String field : List.of("code", "title", "detail", "violations")) {
                assertEquals(b.getString(field), a.getString(field), field + " of the answer to " + body);
            }
        }
        try (RawHttp http = new RawHttp()) {
            byte[] bytes = bodies[0].getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer answer = http.head(filingHead(token, "Content-Length: " + bytes.length)).send(bytes).answer();
            assertEquals("MALFORMED_JSON", JsonPath.from(answer.body()).getString("code"));
        }
        assertEquals(before, requestRows());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsStillRefusedBeforeTheBodyIsSent() throws Exception {
        try (RawHttp http = new RawHttp()) {
            RawHttp.Answer answer = http.head(filingHead(TestAccounts.desaOfficer(DESA), "Content-Length: 300000"))
                    .send("{\"serviceTypeId\": 1".getBytes(StandardCharsets.UTF_8)).answer();
            HttpLimitsTest.isProblem(answer, 413, "PAYLOAD_TOO_LARGE");
            assertEquals("close", answer.header("Connection"));
            assertTrue(JsonPath.from(answer.body()).getString("detail").contains("at most 262144"), answer.body());
        }
    }

    @Test
    void withoutATokenTheAnswerIsStill401() throws Exception {
        byte[] filing = filing();
        try (RawHttp http = new RawHttp()) {
            RawHttp.Answer answer = http.head("POST /api/v1/requests HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                    "Content-Length: " + filing.length).send(filing).answer();
            HttpLimitsTest.isProblem(answer, 401, "UNAUTHENTICATED");
        }
    }

    /** Sends only the head of a request without a token; when the refusal comes shows whether the body was waited for. */
    static void unauthenticated(String head, String contentType, int length, boolean readAhead) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write((head + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(readAhead ? 700 : 20_000);
            byte[] first = new byte[12];
            try {
                int n = socket.getInputStream().read(first);
                assertFalse(readAhead, head + " " + contentType + " was answered before its body: " + new String(first, 0, Math.max(n, 0),
                        StandardCharsets.ISO_8859_1));
                assertTrue(new String(first, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 4"), head + " " + contentType);
                return;
            } catch (SocketTimeoutException e) {
                assertTrue(readAhead, head + " " + contentType + " was not answered without its body");
            }
            byte[] body = new byte[length];
            Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[length - 1] = '}';
            socket.getOutputStream().write(body);
            socket.setSoTimeout(20_000);
            int n = socket.getInputStream().read(first);
            assertTrue(new String(first, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 4"), head + " " + contentType);
        }
    }

    /**
     * Which bodies are read ahead shows in when a request without a token is refused: after its whole body when it
     * was read ahead, at once when the API streams it and refuses before reading.
     */
    @Test
    void onlySmallJsonBodiesWithADeclaredLengthAreReadAhead() throws Exception {
        unauthenticated("POST /api/v1/requests", "application/json", 900, true);
        unauthenticated("POST /api/v1/requests", "application/json; charset=UTF-8", 900, true);
        unauthenticated("PUT /api/v1/service-types/1", "application/json", 65_536, true);
        // within the general limit but larger than a body is read ahead: streamed, with the reader's wait for each piece
        unauthenticated("PUT /api/v1/service-types/1", "application/json", 65_537, false);
        unauthenticated("PATCH /api/v1/requests/1", "application/merge-patch+json", 300, true);
        // over the general limit though within the batch's: streamed
        unauthenticated("POST /api/v1/requests/batch", "application/json", 300_000, false);
        unauthenticated("POST /api/v1/requests/1/documents/KK/files", "multipart/form-data; boundary=x", 40_000, false);
        unauthenticated("PATCH /api/v1/uploads/00000000-0000-0000-0000-000000000000", "application/offset+octet-stream", 1000, false);
        unauthenticated("POST /api/v1/regions/import", "text/csv", 1000, false);
    }

    static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    @Test
    void aMultipartFileIsStillAttached() {
        String token = TestAccounts.desaOfficer(DESA);
        long id = Filings.fileOne(token);
        byte[] photo = jpeg(40_000);
        String boundary = "read-ahead-boundary-1";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kk.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var created = given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray())
                .post("/api/v1/requests/" + id + "/documents/KK/files").then().extract();
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals(1L, Db.count("select count(*) from request_file where request_id = ?1", id));
        var files = given().auth().oauth2(token).get("/api/v1/requests/" + id + "/files").then().statusCode(200).extract();
        byte[] back = given().auth().oauth2(token).get(files.jsonPath().getString("items[0].href")).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(photo, back);
    }

    @Test
    void aResumableUploadIsStillReceived() {
        String token = TestAccounts.desaOfficer(DESA);
        long id = Filings.fileOne(token);
        byte[] photo = jpeg(30_000);
        var created = given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(photo.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("kk.jpg".getBytes(StandardCharsets.UTF_8)))
                .post("/api/v1/requests/" + id + "/documents/KK/uploads").then().extract();
        assertEquals(201, created.statusCode(), created.asString());
        String upload = created.header("Location").replaceFirst("^https?://[^/]+", "");
        var patched = given().auth().oauth2(token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .contentType("application/offset+octet-stream").body(photo).patch(upload).then().extract();
        assertEquals(204, patched.statusCode(), patched.asString());
        assertEquals(Integer.toString(photo.length), patched.header("Upload-Offset"));
        var files = given().auth().oauth2(token).get("/api/v1/requests/" + id + "/files").then().statusCode(200).extract();
        byte[] back = given().auth().oauth2(token).get(files.jsonPath().getString("items[0].href")).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(photo, back);
    }

    /** A client that declared more than it sent; reading what comes back. */
    static final class Stalled implements AutoCloseable {
        final Socket socket = new Socket("localhost", RestAssured.port);
        final InputStream in = socket.getInputStream();

        Stalled(String token) throws IOException {
            String head = "POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Length: 100\r\n\r\n{\"servic";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** True when nothing came back within the time and the connection is still open. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                in.read();
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            }
        }

        /** What came back before the connection closed (fails when it stays open longer than the time). */
        byte[] untilClosed(int millis) throws IOException {
            socket.setSoTimeout(millis);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // closed by the service
            }
            return got.toByteArray();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void stalledBodiesHoldNoThreadAndTheirConnectionsEndAfterTheReadTimeout() throws Exception {
        String token = TestAccounts.desaOfficer(DESA);
        long before = requestRows();
        List<Stalled> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                stalled.add(new Stalled(token));
            }
            for (Stalled s : stalled) {
                assertTrue(s.silentFor(200), "a body not all there is waited for");
            }
            // every event loop has a stalled body: an answer now shows that none of them is blocked waiting for it
            try (RawHttp http = new RawHttp()) {
                RawHttp.Answer ready = http.head("GET /q/health/ready HTTP/1.1", "Host: localhost").answer();
                assertEquals(200, ready.status(), ready.body());
            }
            try (RawHttp http = new RawHttp()) {
                byte[] filing = filing();
                isFiled(http.head(filingHead(token, "Content-Length: " + filing.length)).send(filing).answer());
            }
            for (Stalled s : stalled) {
                assertEquals("", new String(s.untilClosed(30_000), StandardCharsets.UTF_8), "closed without an answer");
            }
        } finally {
            for (Stalled s : stalled) {
                s.close();
            }
        }
        assertEquals(before + 1, requestRows(), "only the whole filing was filed");
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aBodyThatResumesBeforeTheReadTimeoutIsAnswered() throws Exception {
        byte[] filing = filing();
        try (RawHttp http = new RawHttp()) {
            http.head(filingHead(TestAccounts.desaOfficer(DESA), "Content-Length: " + filing.length));
            http.send(Arrays.copyOfRange(filing, 0, 10));
            Thread.sleep(1500);
            isFiled(http.send(Arrays.copyOfRange(filing, 10, filing.length)).answer());
        }
    }
}
