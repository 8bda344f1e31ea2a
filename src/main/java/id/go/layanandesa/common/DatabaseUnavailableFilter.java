package id.go.layanandesa.common;

import id.go.layanandesa.common.error.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * While the embedded PostgreSQL is away every API call answers 503 at once, with Retry-After while it is
 * being started again, instead of waiting for a pooled connection that cannot come and failing with 500.
 * Health and metrics stay reachable: they are not API calls.
 */
@Provider
@PreMatching
public class DatabaseUnavailableFilter implements ContainerRequestFilter {

    static final String CODE = "SERVICE_UNAVAILABLE";

    @Override
    public void filter(ContainerRequestContext request) {
        DatabaseSupervisor supervisor = DatabaseSupervisor.current().orElse(null);
        if (supervisor == null) {
            return;
        }
        switch (supervisor.state()) {
            case UP -> {
            }
            case RESTARTING -> {
                long retryAfter = supervisor.retryAfterSeconds();
                throw new ProblemException(503, CODE, "Service unavailable",
                        "the database is restarting; retry after " + retryAfter + " s", null, null, null,
                        Map.of("Retry-After", Long.toString(retryAfter)));
            }
            case FAILED -> throw new ProblemException(503, CODE, "Service unavailable",
                    "the database is down and could not be restarted");
        }
    }
}
