package id.go.layanandesa.account;

import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.BehindAProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static id.go.layanandesa.support.AuthFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Password guessing is slowed per username and address, per address and per username, without letting a stranger
 * keep anyone out, and password checks cannot take all the CPU. Clients are told apart by the address the (trusted,
 * local) proxy puts in X-Forwarded-For; the service's clock stands still unless a test moves it.
 */
@QuarkusTest
@TestProfile(BehindAProxy.class)
class LoginThrottleTest {

    static final String PASSWORD = "Tahan2026masuk";
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Inject
    TestClock clock;

    @Inject
    PasswordCheckSlots slots;

    @BeforeEach
    void standStill() {
        ensureRegions();
        clock.pin(Instant.now());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An address no other test uses, from the documentation ranges. */
    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static Response login(String from, String username, String password) {
        return given().header("X-Forwarded-For", "10.66.0.1, " + from).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    static void tooMany(Response r, String why, int retryAfter) {
        r.then().statusCode(429).contentType("application/problem+json").body("code", is("RATE_LIMITED"))
                .body("detail", containsString(why)).header("Retry-After", Integer.toString(retryAfter));
    }

    @Test
    void aStrangerFailingForAUsernameCannotKeepItsOwnerOut() {
        String username = uniqueUsername("pemilik");
        account(username, PASSWORD, Role.ADMIN, KABUPATEN, null, null);
        String stranger = newAddress();
        for (int i = 0; i < 5; i++) {
            login(stranger, username, "Tebak2026sandi" + i).then().statusCode(401);
        }
        tooMany(login(stranger, username, "Tebak2026sandi"), "for this username from this address", 1);

        login(newAddress(), username, PASSWORD).then().statusCode(200);
        tooMany(login(stranger, username, PASSWORD), "for this username from this address", 1);
    }

    @Test
    void eachFurtherFailureWaitsTwiceAsLongUpToTheLongestWaitKnownOrUnknownAlike() {
        String known = uniqueUsername("ragu");
        Account account = account(known, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String unknown = uniqueUsername("tidak.ada");
        for (String username : List.of(known, unknown)) {
            String from = newAddress();
            for (int i = 0; i < 5; i++) {
                login(from, username, "Tebak2026sandi").then().statusCode(401).body("code", is("INVALID_CREDENTIALS"));
            }
            List<Integer> waits = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Response refused = login(from, username, PASSWORD);
                refused.then().statusCode(429);
                int wait = Integer.parseInt(refused.header("Retry-After"));
                waits.add(wait);
                clock.advance(Duration.ofSeconds(wait - 1));
                login(from, username, PASSWORD).then().statusCode(429); // a second early is still too early
                clock.advance(Duration.ofSeconds(1));
                login(from, username, "Tebak2026sandi").then().statusCode(401);
            }
            assertEquals(List.of(1, 2, 4, 8, 16, BehindAProxy.MAX_DELAY_SECONDS, BehindAProxy.MAX_DELAY_SECONDS), waits, username);
        }
        assertEquals(12, reload(account.id).failedLogins, "the admins see every failure");
        assertFalse(login(newAddress(), known, PASSWORD).then().statusCode(200).extract().asString().isEmpty());
    }

    @Test
    void oneAddressCannotTryAPasswordOnEveryAccount() {
        String from = newAddress();
        String username = uniqueUsername("sasaran");
        account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        for (int i = 0; i < BehindAProxy.ADDRESS_FAILURES; i++) {
            login(from, uniqueUsername("semprot"), "Tebak2026sandi").then().statusCode(401);
        }
        // 15 failures per 10 minutes: the next one is 40 s away
        tooMany(login(from, uniqueUsername("semprot"), "Tebak2026sandi"), "from this address", 40);
        tooMany(login(from, username, PASSWORD), "from this address", 40);
        login(newAddress(), username, PASSWORD).then().statusCode(200);

        clock.advance(Duration.ofSeconds(40));
        login(from, username, PASSWORD).then().statusCode(200);
    }

    @Test
    void manyAddressesCannotShareTheGuessingOfOneUsernameButItsOwnerGetsIn() {
        String username = uniqueUsername("incaran");
        account(username, PASSWORD, Role.DESA_OFFICER, KABUPATEN, DESA, null);
        String office = newAddress();
        login(office, username, PASSWORD).then().statusCode(200);
        for (int i = 0; i < BehindAProxy.USERNAME_FAILURES; i++) {
            login(newAddress(), username, "Tebak2026sandi").then().statusCode(401);
        }
        // 15 failures per hour: the next one from a new address is 4 minutes away
        tooMany(login(newAddress(), username, "Tebak2026sandi"), "for this username", 240);
        tooMany(login(newAddress(), username, PASSWORD), "for this username", 240);
        login(office, username, PASSWORD).then().statusCode(200);
        login(newAddress(), uniqueUsername("lain"), "Tebak2026sandi").then().statusCode(401);

        clock.advance(Duration.ofSeconds(240));
        login(newAddress(), username, PASSWORD).then().statusCode(200);
    }

    @Test
    void concurrentFailuresGetNoMoreTriesThanOneAfterAnother() throws Exception {
        String username = uniqueUsername("serentak");
        Account account = account(username, PASSWORD, Role.VIEWER, KABUPATEN, null, null);
        String from = newAddress();
        List<Integer> statuses = concurrently(12, i -> login(from, username, "Tebak2026sandi"));
        assertEquals(5, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertEquals(5, reload(account.id).failedLogins);
    }

    @Test
    void aFloodOfLoginsNeverRunsMorePasswordChecksAtOnceThanItsSlots() throws Exception {
        slots.takePeak();
        List<Response> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> statuses = concurrently(40, i -> {
            Response r = login(newAddress(), uniqueUsername("banjir"), "Tebak2026sandi");
            answers.add(r);
            return r;
        });
        assertEquals(1, slots.takePeak(), "password checks ran side by side");
        long busy = statuses.stream().filter(s -> s == 503).count();
        assertTrue(busy > 0, "beyond the one running and the four waiting, logins are turned away: " + statuses);
        assertEquals(40 - busy, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        for (Response r : answers) {
            if (r.statusCode() == 503) {
                r.then().contentType("application/problem+json").body("code", is("LOGIN_BUSY")).header("Retry-After", "1");
            }
        }
    }

    interface Call {
        Response call(int i) throws Exception;
    }

    static List<Integer> concurrently(int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return call.call(n).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        return statuses;
    }
}
