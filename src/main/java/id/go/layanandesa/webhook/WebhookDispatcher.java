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
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends what the outbox holds, on every instance at once. One thread per instance loops, one transaction a pass:
 * it records the attempts that ended (one statement for all of them), claims due deliveries up to the free
 * capacity (in total and per subscription) and hands them to the non-blocking sender; then it sleeps until a change is committed anywhere
 * (PostgreSQL NOTIFY, see {@link WebhookWakeups}), an attempt ends, the next retry is due, or the poll interval
 * passes. Passes that find work are at least {@link #GATHER_MILLIS} apart, so that under load each handles many
 * deliveries; after a pass that took all it could, a quarter of that. A slow or hanging receiver holds only its own
 * subscription's few slots, each until the timeout.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /**
     * After a pass that did something, the next one starts no sooner than this after it: under load the changes
     * committed and the answers received meanwhile are recorded and claimed together, a few statements for many
     * deliveries instead of a few for each, at the price of at most this much delivery lag. After a pass that filled
     * the capacity (in total, or of a subscription it sent to), what is left waits only a quarter of it for free slots,
     * and passes still take what several attempts freed, not one each.
     */
    static final long GATHER_MILLIS = 50;

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
    private final Map<ByteBuffer, byte[]> openedKeys = new HashMap<>();
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

    /** What one pass claimed, and when to look again if it claimed nothing. */
    private record Pass(List<WebhookStore.Claimed> claimed, Instant nextDue) {
    }

    private void loop() {
        int failures = 0;
        while (running) {
            long waitMillis = config.webhooks().pollInterval().toMillis();
            long started = System.nanoTime();
            boolean worked = false;
            boolean filled = false;
            try {
                collectDone();
                worked = !unrecorded.isEmpty();
                Instant now = clock.instant();
                int free = config.webhooks().maxInFlight() - inFlightTotal;
                // one transaction a pass: record what ended, claim what is due, and if nothing was, find when it will be
                Pass pass = QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        store.startPass(c);
                        record(c, now);
                        List<WebhookStore.Claimed> claimed = free > 0 ? claim(c, now, free) : List.of();
                        // with attempts in flight, their ends wake the next pass; only an idle dispatcher needs the next due time
                        return new Pass(claimed, claimed.isEmpty() && inFlightTotal == 0 ? store.nextDue(c, now) : null);
                    }
                });
                unrecorded.clear();
                worked |= !pass.claimed().isEmpty();
                boolean subscriptionFull = send(pass.claimed());
                filled = subscriptionFull || pass.claimed().size() >= free;
                if (pass.nextDue() != null) {
                    waitMillis = Math.min(waitMillis, Math.max(5, Duration.between(now, pass.nextDue()).toMillis()));
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
            if (worked) {
                gather(started, filled ? GATHER_MILLIS / 4 : GATHER_MILLIS);
            }
        }
    }

    /** Lets what comes in gather until {@code millis} after the start of the last pass. */
    private void gather(long passStarted, long millis) {
        long left = millis - (System.nanoTime() - passStarted) / 1_000_000;
        if (left > 0 && running) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
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

    private List<WebhookStore.Claimed> claim(Connection c, Instant now, int free) throws SQLException {
        Instant leaseUntil = now.plus(config.webhooks().timeout()).plus(LEASE_MARGIN);
        return store.claim(c, now, leaseUntil, free, config.webhooks().maxInFlightPerSubscription(), new HashMap<>(inFlight), payloads::body);
    }

    /**
     * Sends what a pass claimed: each subscription's secrets are opened once, and each endpoint's host is resolved
     * and checked once, for all its attempts of the pass. Whether a subscription it sent to has all its slots in flight now.
     */
    private boolean send(List<WebhookStore.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Map<Long, List<byte[]>> keys = new HashMap<>();
        Map<String, List<WebhookStore.Claimed>> byUrl = new LinkedHashMap<>();
        for (WebhookStore.Claimed d : claimed) {
            inFlight.merge(d.subscriptionId(), 1, Integer::sum);
            inFlightTotal++;
            keys.computeIfAbsent(d.subscriptionId(), id -> keysOf(d, now));
            byUrl.computeIfAbsent(d.url(), u -> new ArrayList<>()).add(d);
        }
        byUrl.forEach((url, deliveries) -> {
            List<WebhookSender.Message> messages = deliveries.stream()
                    .map(d -> new WebhookSender.Message("evt_" + d.eventId(), now.getEpochSecond(), d.body(), keys.get(d.subscriptionId())))
                    .toList();
            List<java.util.concurrent.CompletableFuture<WebhookSender.Outcome>> outcomes = sender.send(url, messages);
            for (int i = 0; i < deliveries.size(); i++) {
                WebhookStore.Claimed d = deliveries.get(i);
                outcomes.get(i).whenComplete((outcome, failure) -> {
                    done.add(new Done(d, failure != null ? new WebhookSender.Outcome(null, 0, "the attempt failed") : outcome));
                    wake();
                });
            }
        });
        int perSubscription = config.webhooks().maxInFlightPerSubscription();
        return keys.keySet().stream().anyMatch(s -> inFlight.getOrDefault(s, 0) >= perSubscription);
    }

    /** The keys that sign a subscription's messages now: its secret, and the previous one while the overlap lasts. */
    private List<byte[]> keysOf(WebhookStore.Claimed d, Instant now) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(key(d.secret()));
        if (d.previousSecret() != null && d.previousSecretUntil() != null && d.previousSecretUntil().isAfter(now)) {
            keys.add(key(d.previousSecret()));
        }
        return keys;
    }

    /**
     * The signing key of a sealed secret, opened once and kept while the subscriptions use it (a rotated secret is
     * sealed anew, so it is opened anew); only the dispatcher thread touches the cache.
     */
    private byte[] key(byte[] sealed) {
        if (openedKeys.size() > 1000) {
            openedKeys.clear();
        }
        return openedKeys.computeIfAbsent(ByteBuffer.wrap(sealed.clone()), k -> WebhookSecrets.keyOf(secrets.open(sealed)));
    }

    /** Takes the attempts that ended from the senders; they are recorded with the next pass. */
    private void collectDone() {
        for (Done d; (d = done.poll()) != null; ) {
            unrecorded.add(d);
            inFlight.computeIfPresent(d.delivery().subscriptionId(), (k, n) -> n <= 1 ? null : n - 1);
            inFlightTotal--;
        }
    }

    /** Records every attempt that ended since the last pass, with one statement for all of them. */
    private void record(Connection c, Instant now) throws SQLException {
        if (unrecorded.isEmpty()) {
            return;
        }
        LayananConfig.Webhooks settings = config.webhooks();
        List<WebhookStore.Finished> finished = new ArrayList<>();
        Map<Long, Done> byId = new HashMap<>();
        for (Done d : unrecorded) {
            WebhookStore.Claimed claimed = d.delivery();
            WebhookSender.Outcome o = d.outcome();
            byId.put(claimed.id(), d);
            if (o.delivered()) {
                finished.add(new WebhookStore.Finished(claimed.id(), claimed.attempt(), "DELIVERED", null, o.status(), o.latencyMs(), null, now,
                        claimed.bodyToKeep()));
                continue;
            }
            Instant next = now.plus(Backoff.delay(claimed.attempt(), settings.initialDelay(), settings.maxDelay(),
                    ThreadLocalRandom.current().nextDouble()));
            boolean giveUp = next.isAfter(claimed.firstAttemptAt().plus(settings.giveUpAfter()));
            finished.add(new WebhookStore.Finished(claimed.id(), claimed.attempt(), giveUp ? "GIVEN_UP" : "PENDING", giveUp ? null : next,
                    o.status(), o.latencyMs(), o.error(), null, claimed.bodyToKeep()));
        }
        for (WebhookStore.Recorded r : store.finish(c, finished, now)) {
            if (r.state().equals("GIVEN_UP")) {
                Done d = byId.get(r.id());
                String reason = "delivery " + r.id() + " (evt_" + d.delivery().eventId() + ", " + d.delivery().eventType()
                        + ") given up after " + d.delivery().attempt() + " attempts in " + hours(settings.giveUpAfter())
                        + ": " + d.outcome().error();
                store.markFailing(c, r.subscriptionId(), now, reason.length() > 500 ? reason.substring(0, 500) : reason);
                LOG.warnf("webhook subscription %d is failing: %s", r.subscriptionId(), reason);
            }
        }
    }

    private static String hours(Duration d) {
        return d.toHours() > 0 ? d.toHours() + " h" : d.toSeconds() + " s";
    }

    /** Finished deliveries past their retention go, with the bodies they kept; so do those of deleted subscriptions. */
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
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return store.purgeOrphans(c, 1000);
                }
            });
        } while (deleted == 1000);
    }
}
