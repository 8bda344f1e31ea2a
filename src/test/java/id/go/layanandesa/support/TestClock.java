package id.go.layanandesa.support;

import id.go.layanandesa.common.ServiceClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;

/** The service's clock in tests: it follows the system clock until a test pins or moves it. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends ServiceClock {

    private volatile Instant pinned;
    private volatile Duration shift = Duration.ZERO;

    @Override
    public Instant instant() {
        Instant base = pinned != null ? pinned : Instant.now();
        return base.plus(shift);
    }

    /** Stops the clock at the given instant. */
    public void pin(Instant instant) {
        this.pinned = instant;
        this.shift = Duration.ZERO;
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        this.shift = this.shift.plus(duration);
    }

    /** Back to the system clock. */
    public void reset() {
        this.pinned = null;
        this.shift = Duration.ZERO;
    }
}
