package id.go.layanandesa.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Waits between attempts double up to the maximum; half of each wait is random. */
class BackoffTest {

    static final Duration INITIAL = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofHours(1);

    @ParameterizedTest(name = "after {0} failures: {1} to {2} ms")
    @CsvSource({
            "1, 2500, 5000",
            "2, 5000, 10000",
            "3, 10000, 20000",
            "4, 20000, 40000",
            "10, 1280000, 2560000",
            "11, 1800000, 3600000",
            "12, 1800000, 3600000",
            "500, 1800000, 3600000",
            "0, 2500, 5000"})
    void waitsDoubleUpToTheMaximumWithHalfOfEachRandom(int failures, long least, long most) {
        assertEquals(least, Backoff.delay(failures, INITIAL, MAX, 0.0).toMillis());
        assertEquals(most, Backoff.delay(failures, INITIAL, MAX, 0.999999999).toMillis(), 1);
        long middle = Backoff.delay(failures, INITIAL, MAX, 0.5).toMillis();
        assertTrue(middle > least && middle < most, middle + " between " + least + " and " + most);
    }

    @Test
    void belowTheMaximumEveryWaitIsAtLeastTheLongestPossibleOneBeforeIt() {
        for (int n = 1; n < 10; n++) {
            assertTrue(Backoff.delay(n + 1, INITIAL, MAX, 0.0).compareTo(Backoff.delay(n, INITIAL, MAX, 0.999999999)) >= 0, "after " + n);
        }
    }

    @Test
    void theDefaultsRetryForADayInAboutThirtyAttempts() {
        Duration total = Duration.ZERO;
        int attempts = 1;
        while (true) {
            Duration next = Backoff.delay(attempts, INITIAL, MAX, 0.5);
            if (total.plus(next).compareTo(Duration.ofHours(24)) > 0) {
                break;
            }
            total = total.plus(next);
            attempts++;
        }
        assertTrue(attempts > 25 && attempts < 45, attempts + " attempts");
    }
}
