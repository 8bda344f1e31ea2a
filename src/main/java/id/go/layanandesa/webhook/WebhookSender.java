package id.go.layanandesa.webhook;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends signed attempts and tells how each ended, without holding a thread while it waits: the host is resolved
 * and checked on a small pool (name lookups block), once for the attempts a dispatcher pass sends to one endpoint,
 * then the non-blocking client connects to the checked address,
 * with the host name kept for the Host header and TLS. The whole attempt has one deadline; redirects are not
 * followed (a 3xx is a failed attempt), and the answer's body is read and dropped, never kept.
 */
@ApplicationScoped
public class WebhookSender {

    /** How an attempt ended: a status (2xx = delivered), or an error without one. */
    public record Outcome(Integer status, int latencyMs, String error) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    LayananConfig config;

    @Inject
    TargetPolicy targets;

    private volatile HttpClient client;
    private final ExecutorService lookups = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> Thread.ofPlatform().daemon().name("webhook-lookup").unstarted(r));

    void stop(@Observes ShutdownEvent event) {
        lookups.shutdownNow();
        if (client != null) {
            client.close();
        }
    }

    /** One signed message to send: its webhook-id, timestamp and body, with the keys that sign it. */
    public record Message(String messageId, long timestamp, String body, List<byte[]> keys) {
    }

    /**
     * Sends several messages to one endpoint: its host is resolved and checked once for all of them, now, and each
     * is posted to the checked address. The outcomes in the order of the messages.
     */
    public List<CompletableFuture<Outcome>> send(String url, List<Message> messages) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            outcomes.add(new CompletableFuture<>());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            outcomes.forEach(o -> o.complete(new Outcome(null, 0, "the URL is invalid")));
            return outcomes;
        }
        lookups.execute(() -> {
            InetAddress target;
            try {
                target = targets.target(uri);
            } catch (TargetPolicy.Refused refused) {
                outcomes.forEach(o -> o.complete(new Outcome(null, 0, refused.getMessage())));
                return;
            } catch (RuntimeException e) {
                outcomes.forEach(o -> o.complete(new Outcome(null, 0, "the host could not be checked")));
                return;
            }
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                post(uri, target, m.messageId(), m.timestamp(), m.body(), m.keys(), outcomes.get(i));
            }
        });
        return outcomes;
    }

    private void post(URI uri, InetAddress target, String messageId, long timestamp, String body, List<byte[]> keys,
                      CompletableFuture<Outcome> outcome) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timeout = config.webhooks().timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, target.getHostAddress()))
                .setHost(TargetPolicy.host(uri))
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "layanan-desa-webhooks/1")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signatures.header(messageId, timestamp, body, keys));
        long started = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        HttpClientRequest[] request = new HttpClientRequest[1];
        long timer = vertx.setTimer(timeout, id -> {
            if (done.compareAndSet(false, true)) {
                if (request[0] != null) {
                    request[0].reset();
                }
                outcome.complete(new Outcome(null, (int) timeout, "timed out after " + timeout + " ms"));
            }
        });
        client().request(options).onComplete(created -> {
            if (created.failed()) {
                finish(done, timer, outcome, new Outcome(null, millisSince(started), describe(created.cause())));
                return;
            }
            request[0] = created.result();
            if (done.get()) {
                created.result().reset();
                return;
            }
            created.result().send(body).onComplete(answered -> {
                if (answered.failed()) {
                    finish(done, timer, outcome, new Outcome(null, millisSince(started), describe(answered.cause())));
                    return;
                }
                var response = answered.result();
                int status = response.statusCode();
                response.handler(chunk -> {
                    // the receiver's answer is not kept
                });
                response.exceptionHandler(e -> finish(done, timer, outcome, new Outcome(status, millisSince(started), describe(e))));
                response.endHandler(v -> finish(done, timer, outcome, new Outcome(status, millisSince(started),
                        status >= 200 && status < 300 ? null
                                : status >= 300 && status < 400 ? "HTTP " + status + ": redirects are not followed"
                                : "HTTP " + status)));
            });
        });
    }

    private void finish(AtomicBoolean done, long timer, CompletableFuture<Outcome> outcome, Outcome o) {
        if (done.compareAndSet(false, true)) {
            vertx.cancelTimer(timer);
            outcome.complete(o);
        }
    }

    private static int millisSince(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    /** A short reason for the delivery log: the kind of failure, never a payload. */
    private static String describe(Throwable t) {
        String kind = t.getClass().getSimpleName();
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        String text = kind + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    int perTarget = config.webhooks().maxInFlightPerSubscription();
                    c = vertx.createHttpClient(new HttpClientOptions()
                            .setProtocolVersion(HttpVersion.HTTP_1_1)
                            .setMaxPoolSize(perTarget)
                            .setKeepAlive(true)
                            .setKeepAliveTimeout(30)
                            .setVerifyHost(true)
                            .setTrustAll(false)
                            .setDecompressionSupported(false)
                            .setConnectTimeout((int) config.webhooks().timeout().toMillis()));
                    client = c;
                }
            }
        }
        return c;
    }
}
