package id.go.layanandesa.queue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the claims that wait for work. One connection of its own (outside the pool) LISTENs on the
 * queue channel; every instance hears every commit that changes a queue, whichever instance made it.
 * A waiting claim holds a future here, not a thread and not a pooled connection.
 */
@ApplicationScoped
public class QueueListener {

    private static final Logger LOG = Logger.getLogger(QueueListener.class);

    private final ConcurrentHashMap<Long, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("queue-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        waiters.values().forEach(set -> set.forEach(f -> f.complete(null)));
    }

    /** A future completed at the next change of {@code opdId}'s queue; drop it with {@link #forget}. */
    public CompletableFuture<Void> nextChange(long opdId) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.computeIfAbsent(opdId, k -> ConcurrentHashMap.newKeySet()).add(future);
        return future;
    }

    public void forget(long opdId, CompletableFuture<Void> future) {
        Set<CompletableFuture<Void>> set = waiters.get(opdId);
        if (set != null) {
            set.remove(future);
        }
    }

    /** Claims waiting now, over all OPDs. */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    public boolean isListening() {
        return listening;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + QueueSignals.CHANNEL);
                }
                listening = true;
                backoff = 500;
                // Wake everyone once: changes made while the listener was down are not lost.
                wakeAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        wake(Long.parseLong(n.getParameter()));
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("queue listener lost its database connection (%s); retrying in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void wake(long opdId) {
        Set<CompletableFuture<Void>> set = waiters.remove(opdId);
        if (set != null) {
            set.forEach(f -> f.complete(null));
        }
    }

    private void wakeAll() {
        for (Long opd : waiters.keySet()) {
            wake(opd);
        }
    }
}
