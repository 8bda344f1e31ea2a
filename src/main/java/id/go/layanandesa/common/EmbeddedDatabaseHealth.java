package id.go.layanandesa.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The embedded PostgreSQL in the health checks: not ready while it is away, not live once it could not be
 * started again. After a restart the pool's connections to the dead server are dropped before calls are let
 * through again. Nothing to report when the service runs on an external PostgreSQL.
 */
@ApplicationScoped
public class EmbeddedDatabaseHealth {

    static final String NAME = "Embedded PostgreSQL";

    @Inject
    AgroalDataSource dataSource;

    void start(@Observes StartupEvent event) {
        DatabaseSupervisor.current().ifPresent(s -> s.beforeServing(() -> dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL)));
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> DatabaseSupervisor.current()
                .map(s -> response(s, s.state() == DatabaseSupervisor.State.UP))
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("embedded", false).build());
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> DatabaseSupervisor.current()
                .map(s -> response(s, s.state() != DatabaseSupervisor.State.FAILED))
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("embedded", false).build());
    }

    private static HealthCheckResponse response(DatabaseSupervisor s, boolean up) {
        return HealthCheckResponse.named(NAME).status(up)
                .withData("state", s.state().name())
                .withData("restartAttempts", s.attempts())
                .build();
    }
}
