package id.go.layanandesa.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serving the web client (static files under {@code META-INF/resources}): the security headers of its
 * pages and the public tracking link {@code /lacak/<code>}, which a receipt's QR code points at. The API
 * ({@code /api/}) and the service's own pages ({@code /q/}, Swagger UI needs inline script) keep their
 * own headers.
 */
@ApplicationScoped
public class WebClientPages {

    /**
     * No inline script or style anywhere; Trusted Types make any HTML-string sink (innerHTML and the like)
     * throw, so the client can only build the page from text nodes. The one policy, {@code layanan}, vets
     * the service worker's URL.
     */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types layanan");

    /** Where the tracking page lives: stable, it is printed on receipts as a QR code. */
    public static final String TRACKING_PATH = "/lacak/";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (isClientPath(path)) {
                ctx.addHeadersEndHandler(ignored -> secure(ctx.response()));
            }
            ctx.next();
        });
        // The tracking link is a real path (a QR code survives no fragment-stripping scanner otherwise);
        // the page itself is the client's one index.html, which reads the code from the path.
        router.routeWithRegex(HttpMethod.GET, "/lacak/[A-Za-z0-9-]{1,40}/?").order(Integer.MIN_VALUE + 2)
                .handler(ctx -> ctx.reroute("/index.html"));
    }

    static boolean isClientPath(String path) {
        return path == null || !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || path.equals("/q"));
    }

    private static void secure(HttpServerResponse response) {
        response.headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)")
                // Files are not content-hashed (no build step): revalidate every time; an unchanged file is a 304.
                .set("Cache-Control", "no-cache");
    }
}
