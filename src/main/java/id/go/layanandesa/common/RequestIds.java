package id.go.layanandesa.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Gives every request the service's own id, and keeps the client's X-Request-Id when it sent a sane one. The
 * client's id (else the service's) goes back in the X-Request-Id header and into error bodies; every log line
 * of the request carries the service's id and, after it, the client's, so that a client cannot pass its lines off
 * as another request's by reusing an id.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The service's own id in the log (%X{requestId}). */
    static final String LOG_KEY = "requestId";
    /** The client's X-Request-Id in the log (%X{clientRequestId}), absent when it sent none. */
    static final String CLIENT_LOG_KEY = "clientRequestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String own = newId();
            String client = ctx.request().getHeader(HEADER);
            if (client != null && ACCEPTABLE.matcher(client).matches()) {
                MDC.put(CLIENT_LOG_KEY, client);
            } else {
                client = null;
                ctx.request().headers().set(HEADER, own);
                MDC.remove(CLIENT_LOG_KEY);
            }
            ctx.response().putHeader(HEADER, client != null ? client : own);
            ctx.put(OWN_KEY, own);
            MDC.put(LOG_KEY, own);
            ctx.next();
        });
    }

    /** Where the service's own id of a request is kept in its routing context. */
    private static final String OWN_KEY = "layanan.request-id";

    public static String of(HttpServerRequest request) {
        return request == null ? null : request.getHeader(HEADER);
    }

    /** The service's own id of the request (the first of the two in its log lines). */
    public static String own(io.vertx.ext.web.RoutingContext ctx) {
        return ctx == null ? null : ctx.get(OWN_KEY);
    }

    /** The client's own X-Request-Id when it sent a sane one, else null. */
    public static String client(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx == null) {
            return null;
        }
        String header = ctx.request().getHeader(HEADER);
        return header == null || header.equals(own(ctx)) ? null : header;
    }

    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
