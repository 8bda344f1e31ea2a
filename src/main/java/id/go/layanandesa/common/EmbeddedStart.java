package id.go.layanandesa.common;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The embedded PostgreSQL of an existing data folder starts while the service boots: the launcher knows its port and
 * passwords before it runs, and the first use of the database, the migration check at start, waits here until it
 * serves. A server that cannot start ends the process with the launcher's one line and exit code 1, as when the
 * launcher started it itself.
 */
@ApplicationScoped
public class EmbeddedStart implements FlywayConfigurationCustomizer {

    private static volatile CompletableFuture<?> starting = CompletableFuture.completedFuture(null);
    private static volatile Function<Throwable, String> describe = Throwable::toString;

    /** Called by the launcher: {@code start} runs now, beside the service's boot; {@code failure} makes its line. */
    public static void begin(Runnable start, Function<Throwable, String> failure) {
        describe = failure;
        CompletableFuture<Void> future = new CompletableFuture<>();
        starting = future;
        Thread.ofPlatform().name("embedded-postgres-start").start(() -> {
            try {
                start.run();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
    }

    /** Returns once the embedded PostgreSQL serves (at once when it already did, or when there is none). */
    public static void await() {
        try {
            starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println(describe.apply(e.getCause()));
            // nothing started that needs stopping: the server is down and the folder's lock goes with the process
            Runtime.getRuntime().halt(1);
        }
    }

    /** Whether the start has ended, one way or the other. */
    public static boolean done() {
        return starting.isDone();
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        await();
    }
}
