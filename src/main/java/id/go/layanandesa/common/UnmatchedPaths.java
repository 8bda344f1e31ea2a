package id.go.layanandesa.common;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Keeps the {@code uri} tag of the HTTP metrics to a fixed set of values: an answer to a path no operation matched
 * (an OPTIONS to any path, a refused body or target, a wrong method on an id) is counted as {@code UNMATCHED}
 * instead of under its own path, so random paths cannot fill the metrics and push out the real ones. The
 * operations' path templates and the service's own /q endpoints keep their names; 404s stay {@code NOT_FOUND}.
 */
@ApplicationScoped
public class UnmatchedPaths {

    /** Where the HTTP metrics look for the template of the operation that answered. */
    static final String TEMPLATE = "UrlPathTemplate";
    public static final String UNMATCHED = "UNMATCHED";
    private static final Set<String> OWN = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
            "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> name(ctx));
            ctx.next();
        });
    }

    private static void name(RoutingContext ctx) {
        if (!(ctx.request() instanceof HttpServerRequestInternal request) || ctx.response().getStatusCode() == 404) {
            return;
        }
        var context = request.context();
        if (context.getLocal(TEMPLATE) != null) {
            return;
        }
        String path = ctx.normalizedPath();
        context.putLocal(TEMPLATE, OWN.contains(path) ? path : path.startsWith("/q/swagger-ui/") ? "/q/swagger-ui" : UNMATCHED);
    }
}
