package id.go.layanandesa.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.RequestIds;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Problem+json for what fails before a resource is reached: bodies over their limit (413), request targets and
 * headers over theirs (414, 431), a request the HTTP layer cannot route (400) and anything else that fails a
 * route of the HTTP layer. Answers that close the connection say so and close it once written.
 */
@ApplicationScoped
public class HttpProblems {

    private static final Logger LOG = Logger.getLogger(HttpProblems.class);
    /** How long a refused client may go on sending before its connection is closed. */
    private static final long CLOSE_AFTER_MILLIS = 1000;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            // answered already, e.g. by the API's body reader refusing a stream over its limit
            LOG.debugf("failure after the answer to %s %s: %s", ctx.request().method(), ctx.normalizedPath(),
                    ctx.failure() == null ? "" : ctx.failure().getClass().getName());
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf("unexpected failure of %s %s (request id %s): %s", ctx.request().method(), ctx.normalizedPath(),
                    RequestIds.of(ctx.request()), ctx.failure() == null ? "status " + status : SafeTraces.describe(ctx.failure()));
        }
        switch (status) {
            case 400 -> send(ctx, 400, "BAD_REQUEST", "Bad request", "the request cannot be read", false);
            case 401 -> send(ctx, 401, "UNAUTHENTICATED", "Unauthenticated", "send a valid access token or API key", false);
            case 403 -> send(ctx, 403, "FORBIDDEN", "Forbidden", "your role may not do this", false);
            case 404 -> send(ctx, 404, "NOT_FOUND", "Not found", "no resource at " + ctx.normalizedPath(), false);
            case 405 -> send(ctx, 405, "METHOD_NOT_ALLOWED", "Method not allowed", ctx.request().method() + " is not allowed here", false);
            case 413 -> send(ctx, 413, "PAYLOAD_TOO_LARGE", "Payload too large", "the body is larger than this operation accepts", true);
            default -> {
                if (status >= 500) {
                    send(ctx, 500, "INTERNAL_ERROR", "Internal error", "the service failed to answer; quote request id "
                            + RequestIds.of(ctx.request()) + " when reporting it", false);
                } else {
                    send(ctx, status, "HTTP_" + status, "Request refused", "the request was refused with status " + status, false);
                }
            }
        }
    }

    /** Answers the request with a problem; with {@code close}, the connection is closed once the client stopped sending. */
    public void send(RoutingContext ctx, int status, String code, String title, String detail, boolean close) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        String path = ctx.request().path();
        String instance = path == null || path.length() <= 200 ? path : path.substring(0, 200) + "…";
        Problem problem = new Problem(Problem.typeFor(code), title, status, detail, instance, code,
                RequestIds.of(ctx.request()), null, null, null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + ",\"code\":\"" + code + "\"}";
        }
        // HTTP/2 has no Connection header, and one connection carries other requests: only the stream ends there
        boolean closeConnection = close && ctx.request().version() != HttpVersion.HTTP_2;
        response.setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE);
        if (closeConnection) {
            response.putHeader("Connection", "close");
        }
        response.end(body);
        if (closeConnection) {
            closeSoon(ctx);
        }
    }

    /**
     * Reads and drops what the client still sends (nothing of it is kept), so that it can read the answer before the
     * connection closes instead of meeting a reset, and closes the connection when it is done or after a second.
     */
    private static void closeSoon(RoutingContext ctx) {
        var request = ctx.request();
        var connection = request.connection();
        if (!request.isEnded()) {
            request.handler(ignored -> {
            });
            request.endHandler(ignored -> connection.close());
            request.resume();
        } else {
            connection.close();
            return;
        }
        ctx.vertx().setTimer(CLOSE_AFTER_MILLIS, ignored -> connection.close());
    }
}
