package id.go.layanandesa.common;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the embedded PostgreSQL for as long as the service runs and starts it again when it dies, with a
 * growing pause between attempts, up to a bounded number of them. While it is away the service answers 503
 * (see {@link DatabaseUnavailableFilter}) and is not ready; when it cannot be brought back the service is
 * no longer live, so that whatever runs it can restart it.
 *
 * <p>Started by the launcher before the application; the application reads it through {@link #current()}.
 */
public final class DatabaseSupervisor {

    private static final Logger LOG = Logger.getLogger(DatabaseSupervisor.class);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    public enum State {
        /** Running. */
        UP,
        /** Died; being started again. */
        RESTARTING,
        /** Could not be started again within the allowed attempts. */
        FAILED
    }

    private static volatile DatabaseSupervisor current;

    private final EmbeddedDatabase database;
    private final int maxAttempts;
    private final Duration firstPause;
    private final List<Runnable> beforeServing = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile State state = State.UP;
    private volatile int attempts;
    private volatile long nextAttemptNanos;

    private DatabaseSupervisor(EmbeddedDatabase database, int maxAttempts, Duration firstPause) {
        this.database = database;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstPause = firstPause.isNegative() || firstPause.isZero() ? Duration.ofMillis(100) : firstPause;
        this.thread = Thread.ofPlatform().daemon().name("embedded-postgres-supervisor").unstarted(this::watch);
    }

    /** Starts watching {@code database}; the supervisor of this process from now on. */
    public static DatabaseSupervisor start(EmbeddedDatabase database, int maxAttempts, Duration firstPause) {
        DatabaseSupervisor supervisor = new DatabaseSupervisor(database, maxAttempts, firstPause);
        current = supervisor;
        supervisor.thread.start();
        return supervisor;
    }

    /** The supervisor of the embedded PostgreSQL, when this process runs one. */
    public static Optional<DatabaseSupervisor> current() {
        return Optional.ofNullable(current);
    }

    /** Stops watching, before a deliberate stop of the database. */
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(70));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public State state() {
        return state;
    }

    /** Restart attempts made since the database last died. */
    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** When a client should try again: after the next attempt has had a moment to finish. */
    public long retryAfterSeconds() {
        long untilNext = Math.max(0, nextAttemptNanos - System.nanoTime());
        return Duration.ofNanos(untilNext).toSeconds() + 2;
    }

    /** Runs {@code action} after each restart, before requests are let through again (e.g. to drop dead connections). */
    public void beforeServing(Runnable action) {
        beforeServing.add(action);
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(WATCH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (running && !database.isRunning()) {
                if (!recover()) {
                    return;
                }
            }
        }
    }

    /** Whether the database is back; false when this gave up or was stopped. */
    private boolean recover() {
        state = State.RESTARTING;
        attempts = 0;
        LOG.warnf("the embedded PostgreSQL stopped unexpectedly; starting it again (up to %d attempts)", maxAttempts);
        Duration pause = firstPause;
        while (running && attempts < maxAttempts) {
            nextAttemptNanos = System.nanoTime() + pause.toNanos();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return false;
            }
            if (!running) {
                return false;
            }
            attempts++;
            try {
                database.restart();
                beforeServing.forEach(action -> {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.warnf("after the restart of the embedded PostgreSQL: %s", e.getMessage());
                    }
                });
                state = State.UP;
                LOG.infof("the embedded PostgreSQL is running again (attempt %d)", attempts);
                return true;
            } catch (Exception e) {
                LOG.warnf("attempt %d of %d to start the embedded PostgreSQL failed: %s", attempts, maxAttempts, rootMessage(e));
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        if (running) {
            state = State.FAILED;
            LOG.errorf("the embedded PostgreSQL could not be started again after %d attempts; the service reports itself not live", attempts);
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
