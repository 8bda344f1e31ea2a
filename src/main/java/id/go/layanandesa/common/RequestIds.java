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
 * Gives every request an id: the client's X-Request-Id when it sent a sane one, else a new one. The id
 * goes back in the response header, into every log line of the request, and into error bodies.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || !ACCEPTABLE.matcher(id).matches()) {
                id = newId();
                ctx.request().headers().set(HEADER, id);
            }
            ctx.response().putHeader(HEADER, id);
            MDC.put("requestId", id);
            ctx.next();
        });
    }

    public static String of(HttpServerRequest request) {
        return request == null ? null : request.getHeader(HEADER);
    }

    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
