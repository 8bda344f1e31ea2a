package id.go.layanandesa.tracking;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With no trusted proxy configured (the default), X-Forwarded-For is not read at all: the socket's peer is the client. */
@QuarkusTest
class TrackingAddressTest extends WholeAllowanceTest {

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 30; i++) {
            assertEquals(404, given().header("X-Forwarded-For", "203.0.113." + i).get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
        }
        assertEquals(429, given().header("X-Forwarded-For", "198.51.100.1").get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
        assertEquals(429, given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
    }
}
