package id.go.layanandesa.common;

import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.Management;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Defaults that keep the service safe to expose: metrics, headers, Swagger UI, request ids, metric tags. */
@QuarkusTest
class HardeningTest {

    static final String DESA = "73.24.04.2001";

    @Test
    void metricsAreServedOnlyByTheManagementInterface() {
        given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404).contentType("application/problem+json");
        assertTrue(Management.metrics().contains("http_server_requests_seconds_count"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theManagementInterfaceListensOnTheLoopbackInterfaceOnly() throws IOException {
        int port = URI.create(Management.url("/q/metrics")).getPort();
        InetAddress outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst().orElse(null);
        assumeTrue(outside != null, "this machine has no address but the loopback one");
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(outside, port), 2000),
                    "the management port answers on " + outside);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
    }

    static ValidatableResponse hasSecurityHeaders(ValidatableResponse r) {
        return r.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void everyApiAnswerIsKeptByNoCacheAndEveryAnswerCarriesTheSecurityHeaders() {
        String officer = TestAccounts.desaOfficer(DESA);
        long id = Filings.fileOne(officer);
        List<ValidatableResponse> api = List.of(
                given().auth().oauth2(officer).get("/api/v1/requests/" + id).then().statusCode(200),
                given().auth().oauth2(officer).get("/api/v1/requests").then().statusCode(200),
                given().auth().oauth2(officer).get("/api/v1/me").then().statusCode(200),
                Filings.file(officer, Filings.aktaKelahiran()).statusCode(201),
                given().get("/api/v1/requests").then().statusCode(401),
                given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").then().statusCode(404));
        for (ValidatableResponse r : api) {
            hasSecurityHeaders(r).header("Cache-Control", "no-store");
        }
        hasSecurityHeaders(given().get("/q/health/live").then().statusCode(200));
        hasSecurityHeaders(given().get("/q/swagger-ui/").then().statusCode(200));
    }

    @Test
    void swaggerUiKeepsNoTokenInTheBrowser() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("persistAuthorization: false"))
                .body(not(containsString("persistAuthorization: true")));
    }

    @Test
    void theClientsRequestIdIsKeptAndTheServicesOwnIsLoggedBesideIt() throws IOException {
        String client = "client-" + UUID.randomUUID();
        given().header("X-Request-Id", client).get("/test-fault").then().statusCode(500)
                .header("X-Request-Id", client).body("requestId", is(client));
        Path log = Path.of(System.getProperty("tests.log", "target/test-logs/tests.log"));
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("\\[([0-9a-f]{16}) " + Pattern.quote(client) + "] unexpected failure").matcher(text);
        assertTrue(line.find(), "a log line of the request carries the service's id and the client's: " + client);

        // without a client id, the service's own is the one answered and logged alone
        String own = given().get("/test-fault").then().statusCode(500).extract().header("X-Request-Id");
        assertTrue(own.matches("[0-9a-f]{16}"), own);
        assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("[" + own + " ] unexpected failure"));
    }

    static Set<String> uriTags() {
        Set<String> tags = new HashSet<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(Management.metrics());
        while (m.find()) {
            tags.add(m.group(1));
        }
        return tags;
    }

    @Test
    @OffContractRequests("paths no operation has")
    void randomPathsAddNoUriTagsToTheMetrics() throws IOException {
        String officer = TestAccounts.desaOfficer(DESA);
        // every kind of answer once, so that only the random part can add tags below
        sendRandomRequests(officer, "warm");
        uriTags();
        Set<String> before = uriTags();
        String token = "zz" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        for (int i = 0; i < 12; i++) {
            sendRandomRequests(officer, token + i);
        }
        Set<String> added = new HashSet<>(uriTags());
        added.removeAll(before);
        assertEquals(Set.of(), added, "tags added by random paths");
        uriTags().forEach(tag -> assertFalse(tag.contains("zz"), tag));
    }

    private static void sendRandomRequests(String officer, String random) throws IOException {
        given().get("/api/v1/" + random);
        given().get("/" + random);
        given().options("/api/v1/" + random);
        given().options("/" + random);
        given().auth().oauth2(officer).delete("/api/v1/requests/" + random.hashCode());
        given().auth().oauth2(officer).put("/api/v1/requests/" + Math.abs(random.hashCode()));
        given().auth().oauth2(officer).get("/api/v1/requests/" + random);
        given().urlEncodingEnabled(false).get("/api/v1/regions/" + random + "%00");
        given().contentType("application/json").body("{}").post("/" + random);
        try (var http = new id.go.layanandesa.support.RawHttp()) {
            http.head("POST /" + random + " HTTP/1.1", "Host: localhost", "Content-Length: 99999999").answer();
        }
        try (var http = new id.go.layanandesa.support.RawHttp()) {
            http.head("GET /" + random + "/" + "a".repeat(5000) + " HTTP/1.1", "Host: localhost").answer();
        }
    }
}
