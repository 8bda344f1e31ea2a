package id.go.layanandesa.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP endpoint for webhook tests, on this machine: it records every arrival as it came (headers, body, when)
 * and answers as the test's behaviour says (a status, after as long as the behaviour blocks). Signatures are checked
 * with the Standard Webhooks library, an implementation other than the service's.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request that reached the receiver; {@code status} is set once it was answered. */
    public static final class Arrival {
        public final String id;
        public final String body;
        public final JsonNode json;
        public final Map<String, List<String>> headers;
        public final Instant at;
        /** System.nanoTime() on arrival, to order arrivals and answers. */
        public final long arrivedNanos;
        /** How many arrivals with this webhook-id came before this one. */
        public final int seen;
        public volatile int status;
        public volatile long answeredNanos;

        Arrival(String id, String body, JsonNode json, Map<String, List<String>> headers, int seen) {
            this.id = id;
            this.body = body;
            this.json = json;
            this.headers = headers;
            this.at = Instant.now();
            this.arrivedNanos = System.nanoTime();
            this.seen = seen;
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String type() {
            return json.path("type").asText();
        }

        public long requestId() {
            return json.path("data").path("requestId").asLong();
        }

        public boolean delivered() {
            return status >= 200 && status < 300;
        }

        /** Verifies the signature with the Standard Webhooks library; throws when it does not hold. */
        public void verify(String secret) throws WebhookVerificationException {
            new Webhook(secret).verify(body, headers);
        }
    }

    /** How the receiver answers an arrival: a status, after blocking as long as it likes. */
    @FunctionalInterface
    public interface Behaviour {
        int answer(Arrival arrival) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private volatile Behaviour behaviour;

    private WebhookReceiver(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start(Behaviour behaviour) throws IOException {
        return new WebhookReceiver(behaviour);
    }

    /** Answers 200 to everything. */
    public static WebhookReceiver accepting() throws IOException {
        return new WebhookReceiver(a -> 200);
    }

    public void behave(Behaviour next) {
        this.behaviour = next;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Arrivals about one request, in the order they came. */
    public List<Arrival> arrivals(long requestId) {
        return arrivals.stream().filter(a -> a.requestId() == requestId).toList();
    }

    /** The most requests that were open at once. */
    public int maxOpen() {
        return maxOpen.get();
    }

    /** Waits until the arrivals satisfy the condition; fails with what came when they do not in time. */
    public List<Arrival> await(Predicate<List<Arrival>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Arrival> now = arrivals();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        List<String> came = new ArrayList<>();
        for (Arrival a : arrivals()) {
            came.add(a.id + " " + a.type() + " request " + a.requestId() + " -> " + a.status);
        }
        throw new AssertionError("the receiver did not get what was expected in " + timeout + "; it got " + came);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String id = headers.containsKey("webhook-id") ? headers.get("webhook-id").get(0) : "";
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.createObjectNode();
            }
            Arrival arrival = new Arrival(id, body, json, headers, seen.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement());
            arrivals.add(arrival);
            int status;
            try {
                status = behaviour.answer(arrival);
            } catch (Exception e) {
                status = 500;
            }
            arrival.answeredNanos = System.nanoTime();
            arrival.status = status;
            exchange.sendResponseHeaders(status, -1);
        } finally {
            open.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
