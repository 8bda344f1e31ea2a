package id.go.layanandesa.common;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers every answer carries: browsers take the content type as sent and never show the service in a frame of
 * another site; answers of the API, which hold personal data, are kept by no browser or proxy cache (desa offices
 * share their PCs).
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            var headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            if (ctx.normalizedPath().startsWith("/api/")) {
                // unless the answer says otherwise (downloads: private, no-store); once, never beside its own
                ctx.addHeadersEndHandler(ignored -> {
                    if (!headers.contains("Cache-Control")) {
                        headers.set("Cache-Control", "no-store");
                    }
                });
            }
            ctx.next();
        });
    }
}
