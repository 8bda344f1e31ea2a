package id.go.layanandesa.tracking;

import id.go.layanandesa.support.BehindAProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Behind a trusted proxy the tracking limit counts each client by the address the proxy saw, whatever the client
 * wrote into X-Forwarded-For itself.
 */
@QuarkusTest
@TestProfile(BehindAProxy.class)
class TrackingBehindProxyTest extends WholeAllowanceTest {

    static int track(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").statusCode();
    }

    @Test
    void spoofedEntriesDoNotEscapeTheLimitAndEachRealClientHasItsOwn() {
        for (int i = 0; i < 30; i++) {
            // what the client sent, then what the proxy appended
            org.junit.jupiter.api.Assertions.assertEquals(404, track("10.0." + i + ".1, 203.0.113.50"));
        }
        given().header("X-Forwarded-For", "10.0.99.1, 203.0.113.50").get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ").then()
                .statusCode(429).contentType("application/problem+json").body("code", is("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        org.junit.jupiter.api.Assertions.assertEquals(429, track("203.0.113.51, 203.0.113.50"),
                "naming another client on the left changes nothing");
        org.junit.jupiter.api.Assertions.assertEquals(404, track("203.0.113.50, 203.0.113.51"),
                "another client behind the proxy has its own allowance");
    }

    @Test
    void clientsInOneIpv6NetworkShareTheirLimit() {
        for (int i = 0; i < 30; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(404, track("2001:db8:7:9::" + Integer.toHexString(i + 1)));
        }
        org.junit.jupiter.api.Assertions.assertEquals(429, track("2001:db8:7:9:ffff::1"), "a new address in the same /64");
        org.junit.jupiter.api.Assertions.assertEquals(404, track("2001:db8:7:a::1"), "another /64");
    }
}
