package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Db;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Load;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.percentile;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * Webhooks under filing load: how long after a filing's change the subscribed receiver has its event, and what
 * one active subscription costs the filing throughput, in rounds with and without it, alternating, same run.
 */
final class WebhookDelivery implements Figure {

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public String title() {
        return "webhook delivery lag, change → receiver, p50 / p99 while filing (≤ 100 ms / ≤ 1 s); filing with one subscription vs none (≥ 0.9×)";
    }

    @Override
    public List<String> settings(Settings s) {
        return List.of("Webhooks: a receiver in the load generator's JVM (JDK HttpServer on 127.0.0.1, virtual threads, answers 204 at once) "
                + "subscribed by the admin to FILED events of the kabupaten; rounds of " + s.filingSeconds + " s filing at concurrency "
                + s.filingConcurrency + " without a subscription and with one, alternating, " + s.rounds + " of each after a "
                + s.filingWarmup + " s warm-up with it. The lag runs from the filer receiving its 201 (the change is committed by "
                + "then) to the receiver reading the event, both in the load generator's JVM; an event that arrives before the 201 "
                + "counts as 0. Beside it, the lag from the event's timestamp (taken in the filing's transaction, before the commit), "
                + "an upper bound. The subscription is deleted between rounds once everything queued was delivered.");
    }

    /** What the receiver heard: when each request's event came, its lag from the event's timestamp, how often each came. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        final Map<Long, Long> arrived = new ConcurrentHashMap<>();
        final Map<String, Integer> seen = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hooks", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                long arrivedNanos = System.nanoTime();
                Instant arrivedAt = Instant.now();
                try {
                    JsonNode event = Api.JSON.readTree(body);
                    lags.add(Duration.between(Instant.parse(event.get("timestamp").asText()), arrivedAt).toNanos() / 1e6);
                    arrived.putIfAbsent(event.get("data").get("requestId").asLong(), arrivedNanos);
                    seen.merge(exchange.getRequestHeaders().getFirst("webhook-id"), 1, Integer::sum);
                    received.incrementAndGet();
                } finally {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        Rounds without = new Rounds();
        Rounds with = new Rounds();
        List<Double> lags = new ArrayList<>();
        List<Double> fromTimestamp = new ArrayList<>();
        Map<Long, Long> answered = new ConcurrentHashMap<>();
        Load.Op file = worker -> {
            HttpResponse<String> r = bench.api.post("/api/v1/requests", bench.accounts().desaTokens().get(worker % bench.accounts().desaTokens().size()),
                    bench.filingBody(worker), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            long at = System.nanoTime();
            Api.expect(r, 201);
            answered.put(Api.JSON.readTree(r.body()).get("id").asLong(), at);
            return true;
        };
        long duplicates = 0;
        try (Receiver receiver = new Receiver()) {
            bench.say("webhooks: warm-up " + s.filingWarmup + " s of filing with a subscription");
            long warm = subscribe(bench, receiver);
            bench.load.timed(s.filingConcurrency, s.filingWarmup, file);
            drain(bench, warm);
            unsubscribe(bench, warm);
            receiver.lags.clear();
            receiver.seen.clear();
            receiver.arrived.clear();
            for (int round = 0; round < s.rounds; round++) {
                Result a = bench.load.timed(s.filingConcurrency, s.filingSeconds, file);
                without.add(a);
                answered.clear();
                long subscription = subscribe(bench, receiver);
                Result b = bench.load.timed(s.filingConcurrency, s.filingSeconds, file);
                with.add(b);
                drain(bench, subscription);
                unsubscribe(bench, subscription);
                List<Double> roundLags = new ArrayList<>();
                answered.forEach((request, at) -> {
                    Long got = receiver.arrived.get(request);
                    if (got != null) {
                        roundLags.add(Math.max(0, got - at) / 1e6);
                    }
                });
                answered.clear();
                receiver.arrived.clear();
                List<Double> roundFromTimestamp;
                synchronized (receiver.lags) {
                    roundFromTimestamp = new ArrayList<>(receiver.lags);
                    receiver.lags.clear();
                }
                lags.addAll(roundLags);
                fromTimestamp.addAll(roundFromTimestamp);
                bench.say("  round " + (round + 1) + ": filing " + f0(a.throughput()) + "/s (p50 " + f0(a.p(50)) + " ms) without, "
                        + f0(b.throughput()) + "/s (p50 " + f0(b.p(50)) + " ms) with a subscription; " + roundLags.size()
                        + " events, lag after the 201 p50 " + f1(percentile(roundLags, 50)) + " ms, p99 " + f1(percentile(roundLags, 99))
                        + " ms; from the event's timestamp p50 " + f1(percentile(roundFromTimestamp, 50)) + " ms, p99 "
                        + f1(percentile(roundFromTimestamp, 99)) + " ms");
            }
            duplicates = receiver.seen.values().stream().filter(n -> n > 1).count();
        }
        double p50 = percentile(lags, 50);
        double p99 = percentile(lags, 99);
        double tsP50 = percentile(fromTimestamp, 50);
        double tsP99 = percentile(fromTimestamp, 99);
        double ratio = median(with.throughputs) / median(without.throughputs);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < with.throughputs.size(); i++) {
            ratios.add(with.throughputs.get(i) / without.throughputs.get(i));
        }
        return List.of(
                new Row("webhook delivery lag, commit → receiver, while filing at concurrency " + s.filingConcurrency + ", p50 / p99",
                        "≤ 100 ms / ≤ 1 s", f1(p50) + " ms / " + f1(p99) + " ms after the filer's 201 (" + lags.size() + " events, "
                        + duplicates + " received twice; from the event's timestamp in the transaction: " + f1(tsP50) + " / "
                        + f1(tsP99) + " ms)", p50 <= 100 && p99 <= 1000),
                new Row("filing throughput with one active webhook subscription vs without (same run)", "≥ 0.9×",
                        f2(ratio) + "× (" + f0(median(with.throughputs)) + " vs " + f0(median(without.throughputs))
                                + " filings/s; round ratios " + range(ratios, 2) + ")", ratio >= 0.9));
    }

    private static long subscribe(Bench bench, Receiver receiver) throws Exception {
        HttpResponse<String> r = bench.api.post("/api/v1/webhook-subscriptions", bench.accounts().adminToken(),
                Map.of("url", receiver.url(), "eventTypes", List.of("FILED")), Map.of());
        Api.expect(r, 201);
        return Api.JSON.readTree(r.body()).get("id").asLong();
    }

    private static void unsubscribe(Bench bench, long subscription) throws Exception {
        HttpResponse<String> r = bench.api.send(HttpRequest.newBuilder(bench.api.uri("/api/v1/webhook-subscriptions/" + subscription))
                .header("Authorization", "Bearer " + bench.accounts().adminToken()).header("If-Match", "\"0\"").DELETE().build());
        Api.expect(r, 204);
    }

    /** Waits until every event queued for the subscription was delivered. */
    private static void drain(Bench bench, long subscription) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection c = bench.db.connect()) {
            while (Db.single(c, "select count(*) from webhook_delivery where subscription_id = " + subscription
                    + " and state <> 'DELIVERED'") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the receiver did not get every event of subscription " + subscription + " in 2 min");
                }
                Thread.sleep(50);
            }
        }
    }
}
