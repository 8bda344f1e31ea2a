package id.go.layanandesa.tracking;

import id.go.layanandesa.common.ClientAddress;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed one-minute window per client (the key {@link ClientAddress} gives), per instance. Enough to make guessing tracking codes
 * hopeless (about 49 bits each); behind a load balancer each instance counts on its own.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long minute, AtomicInteger count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    ClientAddress clientAddress;

    /** Counts one call from the client that sent this request, as {@link ClientAddress} tells clients apart. */
    public void acquire(HttpServerRequest request) {
        acquire(clientAddress.of(request).key());
    }

    /** Counts one call from the client with this key; 429 with Retry-After once over the limit. */
    public void acquire(String client) {
        long millis = clock.millis();
        long minute = millis / 60_000;
        Window w = windows.compute(client, (k, old) -> old == null || old.minute != minute ? new Window(minute, new AtomicInteger()) : old);
        if (w.count.incrementAndGet() > config.tracking().requestsPerMinute()) {
            long retryAfter = Math.max(1, (minute + 1) * 60 - millis / 1000);
            throw ProblemException.tooManyRequests(retryAfter);
        }
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldWindows() {
        long minute = clock.millis() / 60_000;
        windows.values().removeIf(w -> w.minute < minute);
    }
}
