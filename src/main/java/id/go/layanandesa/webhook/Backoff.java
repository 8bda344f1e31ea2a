package id.go.layanandesa.webhook;

import java.time.Duration;

/**
 * When a failed delivery is tried again: the wait doubles with each failed attempt from the initial delay up to the
 * maximum, and half of it is random ("equal jitter"), so that the retries of many deliveries spread out while each
 * one's waits still grow.
 */
final class Backoff {

    private Backoff() {
    }

    /**
     * The wait after {@code failedAttempts} failures (1 for the first), with {@code random} in [0, 1): between half
     * of {@code min(initial * 2^(failedAttempts-1), max)} and all of it.
     */
    static Duration delay(int failedAttempts, Duration initial, Duration max, double random) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long cap = max.toMillis();
        long base = initial.toMillis();
        for (int i = 0; i < doublings && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        return Duration.ofMillis(base / 2 + (long) (random * (base - base / 2)));
    }
}
