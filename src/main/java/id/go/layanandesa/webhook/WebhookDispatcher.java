package id.go.layanandesa.webhook;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends what the outbox holds, on every instance at once. One thread per instance loops: it records the attempts
 * that ended (one statement for all of them), claims due deliveries up to the free capacity (in total and per
 * subscription) and hands them to the non-blocking sender; then it sleeps until a change is committed anywhere
 * (PostgreSQL NOTIFY, see {@link WebhookWakeups}), an attempt ends, the next retry is due, or the poll interval
 * passes. A slow or hanging receiver holds only its own subscription's few slots, each until the timeout.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private record Done(WebhookStore.Claimed delivery, WebhookSender.Outcome outcome) {
    }

    @Inject
    WebhookStore store;

    @Inject
    EventPayloads payloads;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookSecrets secrets;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    /** Attempts in flight per subscription; only the dispatcher thread touches it. */
    private final Map<Long, Integer> inFlight = new HashMap<>();
    private final List<Done> unrecorded = new ArrayList<>();
    private int inFlightTotal;
    private final Object monitor = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.webhooks().dispatch()) {
            LOG.info("webhook deliveries are not sent from this instance (layanan.webhooks.dispatch=false)");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Look for work now: a change was committed, or an attempt ended. */
    public void wake() {
        synchronized (monitor) {
            woken = true;
            monitor.notifyAll();
        }
    }

    private void loop() {
        int failures = 0;
        while (running) {
            long waitMillis = config.webhooks().pollInterval().toMillis();
            try {
                record();
                int free = config.webhooks().maxInFlight() - inFlightTotal;
                if (free > 0) {
                    Instant now = clock.instant();
                    List<WebhookStore.Claimed> claimed = claim(now, free);
                    claimed.forEach(this::send);
                    if (claimed.size() < free) {
                        Instant due = QuarkusTransaction.requiringNew().call(() -> {
                            try (Connection c = dataSource.getConnection()) {
                                return store.nextDue(c, now);
                            }
                        });
                        if (due != null) {
                            waitMillis = Math.min(waitMillis, Math.max(5, Duration.between(now, due).toMillis()));
                        }
                    }
                }
                failures = 0;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 60 == 0) {
                    LOG.warnf("webhook dispatch failed (%s); trying again", e.getClass().getSimpleName());
                }
                waitMillis = Math.min(waitMillis, 1000L * Math.min(failures, 5));
            }
            await(waitMillis);
        }
    }

    private void await(long millis) {
        synchronized (monitor) {
            if (!woken && running) {
                try {
                    monitor.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private List<WebhookStore.Claimed> claim(Instant now, int free) {
        Instant leaseUntil = now.plus(config.webhooks().timeout()).plus(LEASE_MARGIN);
        Map<Long, Integer> busy = new HashMap<>(inFlight);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<WebhookStore.Claimed> claimed = store.claim(c, now, leaseUntil, free,
                        config.webhooks().maxInFlightPerSubscription(), busy);
                return withBodies(c, claimed);
            }
        });
    }

    /** Makes the bodies of first attempts and keeps them with their deliveries. */
    private List<WebhookStore.Claimed> withBodies(Connection c, List<WebhookStore.Claimed> claimed) throws SQLException {
        List<Long> missing = claimed.stream().filter(d -> d.body() == null).map(WebhookStore.Claimed::id).toList();
        if (missing.isEmpty()) {
            return claimed;
        }
        Map<Long, String> bodies = new LinkedHashMap<>();
        for (WebhookStore.Source s : store.sources(c, missing)) {
            bodies.put(s.deliveryId(), payloads.body(s));
        }
        store.keepBodies(c, bodies);
        return claimed.stream().map(d -> d.body() == null ? d.withBody(bodies.get(d.id())) : d).toList();
    }

    private void send(WebhookStore.Claimed d) {
        inFlight.merge(d.subscriptionId(), 1, Integer::sum);
        inFlightTotal++;
        Instant now = clock.instant();
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(WebhookSecrets.keyOf(secrets.open(d.secret())));
        if (d.previousSecret() != null && d.previousSecretUntil() != null && d.previousSecretUntil().isAfter(now)) {
            keys.add(WebhookSecrets.keyOf(secrets.open(d.previousSecret())));
        }
        sender.send(d.url(), "evt_" + d.eventId(), now.getEpochSecond(), d.body(), keys)
                .whenComplete((outcome, failure) -> {
                    done.add(new Done(d, failure != null ? new WebhookSender.Outcome(null, 0, "the attempt failed") : outcome));
                    wake();
                });
    }

    /** Records every attempt that ended since the last time, in one transaction. */
    private void record() {
        for (Done d; (d = done.poll()) != null; ) {
            unrecorded.add(d);
            long subscription = d.delivery().subscriptionId();
            inFlight.computeIfPresent(subscription, (k, n) -> n <= 1 ? null : n - 1);
            inFlightTotal--;
        }
        if (unrecorded.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        LayananConfig.Webhooks settings = config.webhooks();
        List<WebhookStore.Finished> finished = new ArrayList<>();
        Map<Long, Done> byId = new HashMap<>();
        for (Done d : unrecorded) {
            WebhookStore.Claimed c = d.delivery();
            WebhookSender.Outcome o = d.outcome();
            byId.put(c.id(), d);
            if (o.delivered()) {
                finished.add(new WebhookStore.Finished(c.id(), c.attempt(), "DELIVERED", null, o.status(), o.latencyMs(), null, now));
                continue;
            }
            Instant next = now.plus(Backoff.delay(c.attempt(), settings.initialDelay(), settings.maxDelay(),
                    ThreadLocalRandom.current().nextDouble()));
            Instant first = c.firstAttemptAt() == null ? now : c.firstAttemptAt();
            boolean giveUp = next.isAfter(first.plus(settings.giveUpAfter()));
            finished.add(new WebhookStore.Finished(c.id(), c.attempt(), giveUp ? "GIVEN_UP" : "PENDING", giveUp ? null : next,
                    o.status(), o.latencyMs(), o.error(), null));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<WebhookStore.Recorded> recorded = store.finish(c, finished);
                Set<Long> delivered = new LinkedHashSet<>();
                for (WebhookStore.Recorded r : recorded) {
                    if (r.state().equals("DELIVERED")) {
                        delivered.add(r.subscriptionId());
                    } else if (r.state().equals("GIVEN_UP")) {
                        Done d = byId.get(r.id());
                        String reason = "delivery " + r.id() + " (evt_" + d.delivery().eventId() + ", " + d.delivery().eventType()
                                + ") given up after " + d.delivery().attempt() + " attempts in " + hours(settings.giveUpAfter())
                                + ": " + d.outcome().error();
                        store.markFailing(c, r.subscriptionId(), now, reason.length() > 500 ? reason.substring(0, 500) : reason);
                        LOG.warnf("webhook subscription %d is failing: %s", r.subscriptionId(), reason);
                    }
                }
                if (!delivered.isEmpty()) {
                    store.delivered(c, delivered, now);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        unrecorded.clear();
    }

    private static String hours(Duration d) {
        return d.toHours() > 0 ? d.toHours() + " h" : d.toSeconds() + " s";
    }

    /** Finished deliveries past their retention go, with the bodies they kept. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant before = clock.instant().minus(config.webhooks().retention());
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return store.purge(c, before, 1000);
                }
            });
        } while (deleted == 1000);
    }
}
