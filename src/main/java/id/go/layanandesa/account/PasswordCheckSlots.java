package id.go.layanandesa.account;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Bounds the CPU that password checks (bcrypt, deliberately slow) may take, so that a flood of logins cannot slow
 * every other call: at most {@code layanan.auth.throttle.password-checks} run at once, a few more may wait up to
 * {@code password-check-wait} for a turn, and the rest are answered 503 with Retry-After at once.
 */
@ApplicationScoped
public class PasswordCheckSlots {

    /** Waiting logins allowed per running check; beyond them a login is turned away without waiting. */
    static final int WAITING_PER_SLOT = 4;

    private final int slots;
    private final long waitNanos;
    private final Semaphore running;
    private final Semaphore admitted;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    @Inject
    public PasswordCheckSlots(LayananConfig config, MeterRegistry metrics) {
        int configured = config.auth().throttle().passwordChecks();
        this.slots = configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.waitNanos = config.auth().throttle().passwordCheckWait().toNanos();
        this.running = new Semaphore(slots, true);
        this.admitted = new Semaphore(slots * (1 + WAITING_PER_SLOT));
        metrics.gauge("layanan.login.password.checks.active", active);
    }

    /** Runs one password check in a free slot, or answers 503 when none frees up in time. */
    public boolean check(BooleanSupplier passwordCheck) {
        if (!admitted.tryAcquire()) {
            throw busy();
        }
        try {
            if (!running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            try {
                peak.accumulateAndGet(active.incrementAndGet(), Math::max);
                return passwordCheck.getAsBoolean();
            } finally {
                active.decrementAndGet();
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            admitted.release();
        }
    }

    int slots() {
        return slots;
    }

    /** The most checks that ran at once since the last call; tests read it. */
    int takePeak() {
        return peak.getAndSet(active.get());
    }

    private static ProblemException busy() {
        return new ProblemException(503, "LOGIN_BUSY", "Service busy",
                "too many logins are being checked at once; retry in a moment", null, null, null, Map.of("Retry-After", "1"));
    }
}
