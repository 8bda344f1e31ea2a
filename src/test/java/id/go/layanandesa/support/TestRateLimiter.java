package id.go.layanandesa.support;

import id.go.layanandesa.tracking.RateLimiter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The public look-ups' limiter in tests: counted as in the service, but a test can start afresh. Every test runs
 * from the same client address, so the calls of the tests before it in the same minute would count against it.
 * Starting afresh moves every client to new windows; the old ones are forgotten by the limiter's own sweep.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestRateLimiter extends RateLimiter {

    private final AtomicLong generation = new AtomicLong();

    @Override
    public void acquire(String client) {
        super.acquire(generation.get() + "/" + client);
    }

    /** Every client starts with its whole allowance again. */
    public void startAfresh() {
        generation.incrementAndGet();
    }
}
