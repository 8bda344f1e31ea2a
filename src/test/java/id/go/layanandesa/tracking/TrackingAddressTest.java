package id.go.layanandesa.tracking;

import io.quarkus.test.junit.QuarkusTest;
import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.TestRateLimiter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With no trusted proxy configured (the default), X-Forwarded-For is not read at all: the socket's peer is the client. */
@QuarkusTest
class TrackingAddressTest {

    @Inject
    TestRateLimiter limiter;

    @Inject
    TestClock clock;

    @BeforeEach
    void cleanSlate() {
        limiter.startAfresh();
        // the limit counts per minute: a test that ran across a minute's end would see a fresh allowance
        clock.pin(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(1));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 30; i++) {
            assertEquals(404, given().header("X-Forwarded-For", "203.0.113." + i).get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
        }
        assertEquals(429, given().header("X-Forwarded-For", "198.51.100.1").get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
        assertEquals(429, given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode());
    }
}
