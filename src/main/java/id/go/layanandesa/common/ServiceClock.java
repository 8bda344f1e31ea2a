package id.go.layanandesa.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one source of "now", injected as {@link Clock}. It follows the system clock; tests pin or
 * shift it to check due dates and leases.
 */
@ApplicationScoped
public class ServiceClock extends Clock {

    private volatile Instant pinned;
    private volatile Duration shift = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant base = pinned != null ? pinned : Instant.now();
        return base.plus(shift);
    }

    /** Stops the clock at the given instant (tests). */
    public void pin(Instant instant) {
        this.pinned = instant;
        this.shift = Duration.ZERO;
    }

    /** Moves the clock forward (tests). */
    public void advance(Duration duration) {
        this.shift = this.shift.plus(duration);
    }

    /** Back to the system clock. */
    public void reset() {
        this.pinned = null;
        this.shift = Duration.ZERO;
    }
}
