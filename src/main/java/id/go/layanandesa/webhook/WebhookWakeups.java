package id.go.layanandesa.webhook;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;

/**
 * Wakes this instance's dispatcher when any instance commits a change that queued deliveries: one connection of
 * its own (outside the pool) LISTENs on the outbox channel. When it (re)connects it wakes the dispatcher once, so
 * that nothing committed while it was away waits for the poll.
 */
@ApplicationScoped
public class WebhookWakeups {

    private static final Logger LOG = Logger.getLogger(WebhookWakeups.class);

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    LayananConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.webhooks().dispatch()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("webhook-wakeups").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + WebhookOutbox.CHANNEL);
                }
                backoff = 500;
                dispatcher.wake();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        dispatcher.wake();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("webhook wake-ups lost their database connection (%s); retrying in %d ms", e.getClass().getSimpleName(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }
}
