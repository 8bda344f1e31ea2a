package id.go.layanandesa.common;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.RawHttp;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Sizes the HTTP layer refuses before reading: bodies per operation, request targets and headers, each with a
 * problem+json answer. A body is refused on its declared length while almost all of it is still unsent, so the
 * service never holds it; a body without a declared length is refused as soon as it passes its limit.
 */
@QuarkusTest
class HttpLimitsTest {

    static void isProblem(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.head() + "\n" + answer.body());
        assertEquals("application/problem+json", answer.contentType());
        JsonPath body = JsonPath.from(answer.body());
        assertEquals(status, body.getInt("status"));
        assertEquals(code, body.getString("code"));
        assertNotNull(body.getString("requestId"));
        assertEquals(body.getString("requestId"), answer.header("X-Request-Id"));
    }

    @Test
    void anOversizedLoginIsRefusedBeforeItsBodyIsSent() throws Exception {
        try (RawHttp http = new RawHttp()) {
            // 15 MB declared, 20 bytes sent: the answer can only come from the declared length
            RawHttp.Answer answer = http.head("POST /api/v1/auth/login HTTP/1.1", "Host: localhost",
                            "Content-Type: application/json", "Content-Length: 15000000")
                    .send("{\"username\": \"admin\"".getBytes(StandardCharsets.UTF_8))
                    .answer();
            isProblem(answer, 413, "PAYLOAD_TOO_LARGE");
            assertEquals("close", answer.header("Connection"));
            assertTrue(JsonPath.from(answer.body()).getString("detail").contains("at most 4096"), answer.body());
        }
    }

    @Test
    void aChunkedLoginIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        try (RawHttp http = new RawHttp()) {
            http.head("POST /api/v1/auth/login HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                    "Transfer-Encoding: chunked");
            byte[] kilobyte = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
            http.chunk("{\"username\": \"".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 8; i++) {
                http.chunk(kilobyte);
            }
            // the body never ends: the answer comes from counting
            isProblem(http.answer(), 413, "PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void aChunkedBodyWithinItsLimitIsRead() throws Exception {
        String token = TestAccounts.desaOfficer("73.24.04.2001");
        byte[] filing = FILING.formatted(Db.serviceType("73.24", "AKTA_KELAHIRAN")).getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp()) {
            http.head("POST /api/v1/requests HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                    "Authorization: Bearer " + token, "Transfer-Encoding: chunked");
            int half = filing.length / 2;
            http.chunk(java.util.Arrays.copyOfRange(filing, 0, half)).chunk(java.util.Arrays.copyOfRange(filing, half, filing.length))
                    .chunk(new byte[0]);
            RawHttp.Answer answer = http.answer();
            assertEquals(201, answer.status(), answer.body());
        }
    }

    @Test
    void aChunkedBodyNeverPassesTheGeneralLimitEvenWhereDeclaredOnesMay() throws Exception {
        String admin = TestAccounts.admin("73.24");
        try (RawHttp http = new RawHttp()) {
            http.head("POST /api/v1/regions/import HTTP/1.1", "Host: localhost", "Content-Type: text/csv",
                    "Authorization: Bearer " + admin, "Transfer-Encoding: chunked");
            byte[] lines = "73.24.04.2001,Harapan\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 7; i++) {
                http.chunk(lines);
            }
            isProblem(http.answer(), 413, "PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void eachOperationHasItsOwnLimit() throws Exception {
        String[][] refused = {
                {"POST /api/v1/opds", "300000", "at most 262144"},
                {"POST /api/v1/requests", "300000", "at most 262144"},
                {"POST /api/v1/requests/batch", "5000000", "at most 4194304"},
                {"POST /api/v1/regions/import", "17000000", "at most 16777216"},
                {"PUT /api/v1/service-types/1", "300000", "at most 262144"},
                {"POST /api/v1/nothing-here", "300000", "at most 262144"},
        };
        for (String[] r : refused) {
            try (RawHttp http = new RawHttp()) {
                RawHttp.Answer answer = http.head(r[0] + " HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                        "Content-Length: " + r[1]).answer();
                isProblem(answer, 413, "PAYLOAD_TOO_LARGE");
                assertTrue(answer.body().contains(r[2]), r[0] + ": " + answer.body());
            }
        }
    }

    @Test
    @OffContractRequests("a batch of filings sent to the single filing")
    void aBatchOfAHundredFilingsFitsItsLimitThoughNotTheGeneralOne() {
        List<Map<String, Object>> items = new ArrayList<>();
        String longNote = "Catatan panjang dari kantor desa. ".repeat(80);
        for (int i = 0; i < 101; i++) {
            items.add(Map.of("idempotencyKey", "limits-" + i, "filing", Map.of("serviceTypeId", 1,
                    "citizen", Map.of("nik", "7324044107900001", "name", "Warga " + i, "address", "x".repeat(400)),
                    "answers", Map.of("nama_bayi", "Aminah"), "note", longNote)));
        }
        Map<String, Object> body = Map.of("items", items);
        String token = TestAccounts.desaOfficer("73.24.04.2001");
        // over the general limit: the same bytes to a single filing are too large ...
        given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/requests").then()
                .statusCode(413).contentType("application/problem+json").body("code", is("PAYLOAD_TOO_LARGE"));
        // ... but the batch reads them, and refuses the 101st item on its own rule
        given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/requests/batch").then()
                .statusCode(400).body("violations.field", hasItem("items"));
    }

    @Test
    void aRequestTargetOverItsLimitIs414() throws Exception {
        try (RawHttp http = new RawHttp()) {
            RawHttp.Answer answer = http.head("GET /api/v1/tracking/" + "A".repeat(5000) + " HTTP/1.1", "Host: localhost").answer();
            isProblem(answer, 414, "URI_TOO_LONG");
            assertTrue(JsonPath.from(answer.body()).getString("instance").length() < 300, "the path is not echoed whole");
        }
    }

    @Test
    void headersOverTheirLimitAre431() throws Exception {
        try (RawHttp http = new RawHttp()) {
            isProblem(http.head("GET /q/health/live HTTP/1.1", "Host: localhost", "X-Padding: " + "a".repeat(30_000)).answer(),
                    431, "HEADERS_TOO_LARGE");
        }
    }

    @Test
    void http2StreamsWithoutADeclaredLengthAreReadAndLimitedToo() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        // the first request upgrades the connection to HTTP/2; a GET then has no length and no body
        var get = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/tracking/ZZZZ-ZZZZ-ZZ")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, get.statusCode(), get.body());
        get = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/tracking/ZZZZ-ZZZZ-ZZ")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, get.version());
        assertEquals(404, get.statusCode(), get.body());
        // a streamed body (no Content-Length) within its limit is read ...
        byte[] filing = FILING.formatted(Db.serviceType("73.24", "AKTA_KELAHIRAN")).getBytes(StandardCharsets.UTF_8);
        var filed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/requests"))
                        .header("Authorization", "Bearer " + TestAccounts.desaOfficer("73.24.04.2001"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(filing))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, filed.version());
        assertEquals(201, filed.statusCode(), filed.body());
        // ... and one over it is refused: the API's reader stops at the limit, answers 413 and drops the connection,
        // which the client may see before the answer
        byte[] big = ("{\"username\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            var refused = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, refused.statusCode(), refused.body());
        } catch (java.io.IOException dropped) {
            // refused by closing the connection
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anUnknownPathOutsideTheApiIsAProblemToo() {
        given().get("/q/nothing-here").then().statusCode(404).contentType("application/problem+json").body("code", is("NOT_FOUND"));
    }

    static final String FILING = """
            {"serviceTypeId": %d, "citizen": {"nik": "7324044107900001", "name": "Siti Rahmawati"},
             "answers": {"nama_bayi": "Aminah", "tanggal_lahir": "2026-11-20", "jenis_kelamin": "PEREMPUAN", "anak_ke": 2,
                         "tempat_lahir": "Malili"},
             "documents": [{"code": "SURAT_KETERANGAN_LAHIR", "provision": "ON_PAPER"}, {"code": "KK", "provision": "ATTACHED"}]}""";
}
