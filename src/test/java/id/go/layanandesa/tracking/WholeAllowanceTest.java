package id.go.layanandesa.tracking;

import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.TestRateLimiter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A test of the public look-ups' limit: every client starts with its whole allowance, and all of a test's calls count
 * in the same minute (the limit counts per minute: a test that ran across a minute's end would see a fresh allowance).
 */
abstract class WholeAllowanceTest {

    @Inject
    TestRateLimiter limiter;

    @Inject
    TestClock clock;

    @BeforeEach
    void cleanSlate() {
        limiter.startAfresh();
        clock.pin(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(1));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }
}
