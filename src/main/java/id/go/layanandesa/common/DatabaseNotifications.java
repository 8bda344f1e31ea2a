package id.go.layanandesa.common;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hears PostgreSQL notifications for every {@link Subscriber} bean, on one connection of its own outside the pool:
 * every instance hears every commit that sends one, whichever instance made it. A subscriber is told when the
 * listener (re)connects, since whatever was sent while it was away is lost.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A bean that wants the notifications of one channel. Called on the listener's thread: keep it quick. */
    public interface Subscriber {
        String channel();

        void notified(String payload);

        /** The listener has (re)connected: notifications sent while it was not listening are lost. */
        void resumed();
    }

    /** A subscriber that keeps a memory of its channel's rows and drops all of it on any notification or reconnection. */
    public interface ForgetfulSubscriber extends Subscriber {
        /** Drops everything kept. */
        void forget();

        @Override
        default void notified(String payload) {
            forget();
        }

        @Override
        default void resumed() {
            forget();
        }
    }

    @Inject
    @Any
    Instance<Subscriber> subscriberBeans;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        for (Subscriber s : subscriberBeans) {
            if (!CHANNEL.matcher(s.channel()).matches()) {
                throw new IllegalStateException("not a channel name: " + s.channel());
            }
            subscribers.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s);
        }
        if (subscribers.isEmpty()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("notification-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        listening = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True while notifications are being heard; what a subscriber caches is only as fresh as this. */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
                try (Statement s = connection.createStatement()) {
                    for (String channel : subscribers.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                backoff = 500;
                each(Subscriber::resumed);
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        for (Subscriber s : subscribers.getOrDefault(n.getName(), List.of())) {
                            deliver(s, n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("notification listener lost its database connection (%s); retrying in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void each(java.util.function.Consumer<Subscriber> action) {
        subscribers.values().forEach(list -> list.forEach(action));
    }

    private static void deliver(Subscriber s, String payload) {
        try {
            s.notified(payload);
        } catch (RuntimeException e) {
            LOG.warnf("a %s notification could not be handled: %s", s.channel(), e.getClass().getSimpleName());
        }
    }
}
