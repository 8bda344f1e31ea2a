package id.go.layanandesa.document;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files as a phone or a scanner makes them (by their first bytes), and requests to attach them to. */
final class Samples {

    static final String DESA = "73.24.04.2001";
    private static final AtomicLong SEED = new AtomicLong(System.nanoTime());

    private Samples() {
    }

    static byte[] withHead(byte[] head, int size) {
        byte[] bytes = new byte[size];
        new Random(SEED.incrementAndGet()).nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, Math.min(head.length, size));
        return bytes;
    }

    static byte[] jpeg(int size) {
        return withHead(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, size);
    }

    static byte[] png(int size) {
        return withHead(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, size);
    }

    static byte[] pdf(int size) {
        return withHead("%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1), size);
    }

    static byte[] gif(int size) {
        return withHead("GIF89a".getBytes(StandardCharsets.US_ASCII), size);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String BOUNDARY = "layanan-boundary-7MA4YWxkTrZu0gW";

    /**
     * A multipart/form-data body with one file part, as a browser's FormData sends it: with its length declared (a body
     * without one may not pass the general body limit, see HttpLimits).
     */
    static byte[] multipart(String part, String fileName, byte[] bytes, String type) {
        var out = new java.io.ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** A request specification carrying one file in the part {@code file}. */
    static io.restassured.specification.RequestSpecification withFile(String token, String fileName, byte[] bytes, String type) {
        return given().auth().oauth2(token).contentType(multipartType()).body(multipart("file", fileName, bytes, type));
    }

    static String desaOfficer() {
        return TestAccounts.desaOfficer(DESA);
    }

    static String disdukcapilOfficer() {
        return TestAccounts.opdOfficer(TestAccounts.opd("73.24", "DISDUKCAPIL"));
    }

    /** A fresh birth registration of Harapan declaring KK as ATTACHED and the birth letter as ON_PAPER: its id. */
    static long request() {
        return Filings.fileOne(desaOfficer());
    }

    /** A fresh request Disdukcapil accepted: IN_PROGRESS. */
    static long requestInProgress() {
        long id = request();
        given().auth().oauth2(disdukcapilOfficer()).header("If-Match", "\"" + version(id) + "\"").contentType("application/json").body("{}")
                .post("/api/v1/queue/requests/" + id + "/accept").then().statusCode(200);
        return id;
    }

    static int version(long id) {
        return ((Number) Db.single("select version from service_request where id = ?1", id)).intValue();
    }

    static long rows(long requestId) {
        return Db.count("select count(*) from request_file where request_id = ?1", requestId);
    }

    /** The answer is a problem of this status and code. */
    static void assertProblem(int status, String code, ExtractableResponse<Response> answer) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertEquals(code, answer.jsonPath().getString("code"));
    }

    static List<String> events(long requestId) {
        List<String> types = new ArrayList<>();
        for (Object t : Db.rowsOf("select type from request_event where request_id = ?1 order by id", requestId)) {
            types.add((String) t);
        }
        return types;
    }
}
