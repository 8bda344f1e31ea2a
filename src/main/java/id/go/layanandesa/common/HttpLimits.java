package id.go.layanandesa.common;

import id.go.layanandesa.common.error.HttpProblems;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT;

/**
 * Refuses what is too large before it is read: a request target or headers over their limits (414, 431), and a
 * body over the limit of its operation (413) on its declared Content-Length, so that nobody can make the service
 * hold a large body it will refuse (before, every route took 16 MB, and anyone could send that many to the login).
 * A body without a declared length (chunked) is counted as it arrives and refused as soon as it passes the general
 * limit; only a body that declares its length can use the larger limits of the batch and the import.
 *
 * <p>A small JSON body of the API that declares its length (HTTP/1, POST, PUT or PATCH, at most its operation's limit,
 * the general one and 64 KiB, without {@code Expect}) is read whole on the event loop before the API is
 * reached, which then parses it from memory instead of waiting on a worker thread for each piece of it. Reading it
 * blocks no thread: a client that sends less than it declared and stops has its connection closed, without an answer,
 * once {@code quarkus.http.read-timeout} has passed (the time the API's own reader waits for each piece). Every other
 * body (files, uploads, CSV, the batch and the import) is streamed to the API as it arrives, and a chunked one is
 * counted as above.
 */
@ApplicationScoped
public class HttpLimits {

    /** Just before Quarkus's own check of the declared length, which refuses without a problem body. */
    static final int ORDER = ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** Where Quarkus tells the API's body reader how much it may read of a body without a declared length. */
    static final String MAX_REQUEST_SIZE_KEY = VertxHttpRecorder.MAX_REQUEST_SIZE_KEY;
    /** What a multipart body may carry besides its file: boundaries and part headers. */
    static final long MULTIPART_ENVELOPE = 16 * 1024;

    @Inject
    LayananConfig config;

    @Inject
    HttpProblems problems;

    private Map<String, Long> bodyLimits;
    /** Operations whose path has parameters: the uploads of files. */
    private java.util.List<Map.Entry<java.util.regex.Pattern, Long>> templatedLimits;
    private long generalLimit;
    /**
     * The largest body read ahead: at most a minute for all of it (see below) must suit a phone on a weak connection,
     * so a larger one is streamed, with the API's wait for each piece. A filing is a few kilobytes.
     */
    static final long READ_AHEAD_MAX = 64 * 1024;

    /** Read bodies ahead of the API: those without a declared length (counted) and small JSON ones; one per limit. */
    private final Map<Long, BodyHandler> readers = new ConcurrentHashMap<>();

    /** How long the API's reader waits for a body's next bytes; a body read ahead gets as long in all. */
    @ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s")
    Duration readTimeout;

    void install(@Observes Router router) {
        LayananConfig.Http http = config.http();
        generalLimit = http.maxBody().asLongValue();
        configurationLimit = http.maxConfigurationBody().asLongValue();
        bodyLimits = Map.of(
                "/api/v1/auth/login", http.maxLoginBody().asLongValue(),
                "/api/v1/requests/batch", http.maxBatchBody().asLongValue(),
                "/api/v1/regions/import", http.maxImportBody().asLongValue());
        // a file in a multipart body, with room for the envelope (the file's own size is checked exactly once parsed)
        long file = config.documents().maxFileSize().asLongValue();
        templatedLimits = java.util.List.of(
                Map.entry(java.util.regex.Pattern.compile("/api/v1/requests/[^/]+/documents/[^/]+/files"), file + MULTIPART_ENVELOPE),
                Map.entry(java.util.regex.Pattern.compile("/api/v1/queue/requests/[^/]+/result-document"), file + MULTIPART_ENVELOPE),
                Map.entry(java.util.regex.Pattern.compile("/api/v1/uploads/[^/]+"), file));
        router.route().order(ORDER).handler(ctx -> check(ctx, http));
        // after Quarkus's check, which hands its own limit to the API's body reader when no length is declared
        router.route().order(ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(ctx -> {
            if (ctx.get(MAX_REQUEST_SIZE_KEY) != null) {
                ctx.put(MAX_REQUEST_SIZE_KEY, Math.min(bodyLimit(ctx.normalizedPath()), generalLimit));
                ctx.next();
                return;
            }
            long readAhead = readAheadLimit(ctx);
            if (readAhead > 0) {
                readWhole(ctx, readAhead);
            } else {
                ctx.next();
            }
        });
    }

    /**
     * The limit to read this request's body with before the API is reached, or 0 when the API streams it: only a
     * JSON body of POST, PUT or PATCH under /api/ over HTTP/1 that declares a length within its limit and the general one.
     */
    long readAheadLimit(RoutingContext ctx) {
        var request = ctx.request();
        HttpMethod method = request.method();
        // HTTP/2: the API cannot take a stream that has ended (it pauses it first, which HTTP/2 refuses once ended)
        if ((method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) || request.version() == HttpVersion.HTTP_2) {
            return 0;
        }
        MultiMap headers = request.headers();
        String declared = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || headers.contains(HttpHeaders.TRANSFER_ENCODING) || headers.contains(HttpHeaders.EXPECT)
                || !isJson(headers.get(HttpHeaders.CONTENT_TYPE))) {
            return 0;
        }
        String path = ctx.normalizedPath();
        if (!path.startsWith("/api/")) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
        long limit = Math.min(bodyLimit(path), generalLimit);
        return length > 0 && length <= Math.min(limit, READ_AHEAD_MAX) ? limit : 0;
    }

    /** application/json or application/*+json (merge-patch, problem), with or without parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json") && type.indexOf('/', 12) < 0);
    }

    /** Reads the whole body, then goes on; closes the connection when the body is not all there in time. */
    private void readWhole(RoutingContext ctx, long limit) {
        var request = ctx.request();
        var vertx = ctx.vertx();
        long deadline = vertx.setTimer(Math.max(1, readTimeout.toMillis()), ignored -> {
            if (!request.isEnded()) {
                request.connection().close();
            }
        });
        ctx.addEndHandler(ignored -> vertx.cancelTimer(deadline));
        reader(limit).handle(ctx);
    }

    private BodyHandler reader(long limit) {
        return readers.computeIfAbsent(limit, l -> BodyHandler.create(false).setBodyLimit(l).setPreallocateBodyBuffer(true));
    }

    /** The largest body the operation at this path accepts. */
    long bodyLimit(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (CONFIGURATION.matcher(p).matches()) {
            return configurationLimit;
        }
        Long exact = bodyLimits.get(p);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<java.util.regex.Pattern, Long> templated : templatedLimits) {
            if (templated.getKey().matcher(p).matches()) {
                return templated.getValue();
            }
        }
        return generalLimit;
    }

    /** Where a kabupaten's configuration document is sent: onboarding, and applying one. */
    private static final java.util.regex.Pattern CONFIGURATION =
            java.util.regex.Pattern.compile("/api/v1/kabupaten(/[0-9.]{1,10}/configuration)?");
    private long configurationLimit;

    private void check(RoutingContext ctx, LayananConfig.Http http) {
        var request = ctx.request();
        if (request.uri().length() > http.maxUriLength()) {
            problems.send(ctx, 414, "URI_TOO_LONG", "URI too long",
                    "the path and query are longer than " + http.maxUriLength() + " characters", true);
            return;
        }
        if (headerSize(request.headers()) > http.maxHeaderSize().asLongValue()) {
            problems.send(ctx, 431, "HEADERS_TOO_LARGE", "Request header fields too large",
                    "the headers are larger than " + http.maxHeaderSize().asLongValue() + " bytes", true);
            return;
        }
        String path = ctx.normalizedPath();
        long limit = bodyLimit(path);
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                problems.send(ctx, 400, "BAD_REQUEST", "Bad request", "Content-Length is not a number", true);
                return;
            }
            if (length > limit) {
                problems.send(ctx, 413, "PAYLOAD_TOO_LARGE", "Payload too large",
                        "the body is " + length + " bytes; " + request.method() + " " + path + " accepts at most " + limit, true);
                return;
            }
            ctx.next();
            return;
        }
        // no declared length: the body, if any, is counted as it arrives and never kept beyond the general limit.
        // HTTP/1.1 says so (chunked); an HTTP/2 stream is handed to the API's reader, which counts it against the
        // limit set above, since a stream read ahead of the API cannot be handed to it.
        if (request.version() == HttpVersion.HTTP_2) {
            // the reader answers 413 with HTTP/1's Connection: close, which HTTP/2 forbids: leave it out
            ctx.addHeadersEndHandler(v -> ctx.response().headers().remove("Connection"));
            ctx.next();
        } else if (request.headers().contains("Transfer-Encoding", "chunked", true)) {
            reader(Math.min(limit, generalLimit)).handle(ctx);
        } else {
            ctx.next();
        }
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }
}
