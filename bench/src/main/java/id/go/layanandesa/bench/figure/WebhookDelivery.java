package id.go.layanandesa.bench.figure;

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

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return List.of("Webhooks: a receiver in the load generator's JVM (a Vert.x HTTP server on 127.0.0.1 with one event loop, "
                + "answers 204 at once, "
                + "reads only the event's timestamp and requestId) subscribed by the admin to FILED events of the kabupaten; after a "
                + s.webhookWarmup + " s warm-up with it, " + s.webhookRounds + " rounds of " + s.filingSeconds + " s filing at concurrency "
                + s.filingConcurrency + " with the subscription, each between two rounds without it (" + (s.webhookRounds + 1)
                + " in all); a round's ratio is its throughput over the mean of its neighbours', the figure the median of the "
                + "ratios. The lag runs from the filer receiving its 201 (the change is committed by then) to the receiver reading "
                + "the event, both in the load generator's JVM; an event that arrives before the 201 counts as 0. Beside it, the "
                + "lag from the event's timestamp (taken in the filing's transaction, before the commit), an upper bound. After a "
                + "round with the subscription, it is deleted once everything queued was delivered. Beside the ratio, the processor time "
                + "per filing (from /proc: the service's JVM, its PostgreSQL with every backend, the load generator with the "
                + "receiver) and the WAL PostgreSQL wrote per filing in each round, for a round with the subscription until its "
                + "last event was delivered: on a busy machine this tells what an event costs when the throughput cannot.");
    }

    /** What the receiver heard: when each request's event came, its lag from the event's timestamp, how often each came. */
    private static final class Receiver implements AutoCloseable {
        static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
        static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":(\\d+)");
        final Vertx vertx;
        final HttpServer server;
        final List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        final Map<Long, Long> arrived = new ConcurrentHashMap<>();
        final Map<String, Integer> seen = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();
        final List<String> malformed = Collections.synchronizedList(new ArrayList<>());

        Receiver() throws Exception {
            // one event loop, answering each event at once on it: a fast receiver, taking as little as it can of the cores
            // the service runs on (no thread started or woken per event)
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            server = vertx.createHttpServer(new HttpServerOptions().setHost(InetAddress.getLoopbackAddress().getHostAddress()).setPort(0))
                    .requestHandler(request -> request.body().onComplete(body -> {
                        long arrivedNanos = System.nanoTime();
                        Instant arrivedAt = Instant.now();
                        try {
                            if (body.succeeded()) {
                                take(body.result().toString(StandardCharsets.UTF_8), request.getHeader("webhook-id"), arrivedNanos, arrivedAt);
                            }
                        } finally {
                            request.response().setStatusCode(204).end();
                        }
                    }));
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        /** Two fields are all it needs: found in the text, not by parsing the whole event. */
        private void take(String body, String webhookId, long arrivedNanos, Instant arrivedAt) {
            Matcher timestamp = TIMESTAMP.matcher(body);
            Matcher request = REQUEST_ID.matcher(body);
            if (!timestamp.find() || !request.find()) {
                malformed.add(body);
                return;
            }
            lags.add(Duration.between(Instant.parse(timestamp.group(1)), arrivedAt).toNanos() / 1e6);
            arrived.putIfAbsent(Long.parseLong(request.group(1)), arrivedNanos);
            seen.merge(webhookId, 1, Integer::sum);
            received.incrementAndGet();
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort() + "/hooks";
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (!malformed.isEmpty()) {
                throw new IllegalStateException(malformed.size() + " events without timestamp or requestId, e.g. " + malformed.getFirst());
            }
        }
    }

    /**
     * Processor time used so far, in milliseconds, by the service's JVM, its embedded PostgreSQL (the postmaster, its
     * backends and the backends that ended) and this load generator (the filers and the receiver), from /proc.
     */
    private record Cpu(double service, double postgres, double load, double walKb) {

        static final double TICK_MS = 10;

        double total() {
            return service + postgres + load;
        }

        Cpu minus(Cpu o) {
            return new Cpu(service - o.service, postgres - o.postgres, load - o.load, walKb - o.walKb);
        }

        Cpu per(double n) {
            return new Cpu(service / n, postgres / n, load / n, walKb / n);
        }

        String describe() {
            return f1(total()) + " ms (service " + f1(service) + ", PostgreSQL " + f1(postgres) + ", load generator " + f1(load) + "), WAL "
                    + f2(walKb) + " KB";
        }

        static Cpu now(Bench bench, Connection c) throws Exception {
            return new Cpu(bench.service().cpu().toNanos() / 1e6, postgres(bench.settings.data.toAbsolutePath().toString()),
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e6,
                    Db.single(c, "select (pg_current_wal_insert_lsn() - '0/0')::bigint") / 1024.0);
        }

        /** The postmaster whose data folder is under {@code data}, with its children and the children it reaped; 0 when not found. */
        private static double postgres(String data) {
            long[] postmaster = null;
            List<long[]> all = new ArrayList<>();
            try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (java.nio.file.Path dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    long[] stat = stat(dir);
                    if (stat == null) {
                        continue;
                    }
                    all.add(stat);
                    if (postmaster == null && isPostmasterOf(dir, data)) {
                        postmaster = stat;
                    }
                }
            } catch (java.io.IOException e) {
                return 0;
            }
            if (postmaster == null) {
                return 0;
            }
            long ticks = postmaster[2] + postmaster[3] + postmaster[4] + postmaster[5];
            for (long[] st : all) {
                if (st[1] == postmaster[0]) {
                    ticks += st[2] + st[3];
                }
            }
            return ticks * TICK_MS;
        }

        private static boolean isPostmasterOf(java.nio.file.Path dir, String data) {
            try {
                String cmd = new String(java.nio.file.Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                return cmd.contains("postgres") && cmd.contains(" -D ") && cmd.contains(data);
            } catch (java.io.IOException e) {
                return false;
            }
        }

        /** pid, ppid, utime, stime, cutime, cstime (ticks); null when the process is gone. */
        private static long[] stat(java.nio.file.Path dir) {
            try {
                String st = java.nio.file.Files.readString(dir.resolve("stat"));
                String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]), Long.parseLong(f[11]),
                        Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        Rounds without = new Rounds();
        Rounds with = new Rounds();
        List<Double> ratios = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        List<Double> fromTimestamp = new ArrayList<>();
        List<Cpu> cpuWith = new ArrayList<>();
        List<Cpu> cpuWithout = new ArrayList<>();
        Map<Long, Long> answered = new ConcurrentHashMap<>();
        Load.Op file = worker -> {
            HttpResponse<String> r = bench.api.post("/api/v1/requests", bench.accounts().desaTokens().get(worker % bench.accounts().desaTokens().size()),
                    bench.filingBody(worker), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            long at = System.nanoTime();
            Api.expect(r, 201);
            answered.put(Api.JSON.readTree(r.body()).get("id").asLong(), at);
            return true;
        };
        long duplicates;
        try (Receiver receiver = new Receiver(); Connection wal = bench.db.connect()) {
            bench.say("webhooks: warm-up " + s.webhookWarmup + " s of filing with a subscription");
            long warm = subscribe(bench, receiver);
            bench.load.timed(s.filingConcurrency, s.webhookWarmup, file);
            drain(bench, warm);
            unsubscribe(bench, warm);
            receiver.lags.clear();
            receiver.seen.clear();
            receiver.arrived.clear();
            answered.clear();
            // without, with, without, ..., with, without: each round with the subscription is compared with the mean of the
            // rounds without it on either side, so that a service still warming up or a machine getting busier moves both
            Cpu mark = Cpu.now(bench, wal);
            Result before = bench.load.timed(s.filingConcurrency, s.filingSeconds, file);
            without.add(before);
            cpuWithout.add(Cpu.now(bench, wal).minus(mark).per(before.count()));
            answered.clear();
            for (int round = 0; round < s.webhookRounds; round++) {
                long subscription = subscribe(bench, receiver);
                Instant from = Instant.now();
                mark = Cpu.now(bench, wal);
                Result b = bench.load.timed(s.filingConcurrency, s.filingSeconds, file);
                String window = from.truncatedTo(ChronoUnit.SECONDS) + "–" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
                drain(bench, subscription);
                // the round's deliveries that were still under way when the filing stopped count with it
                Cpu roundWith = Cpu.now(bench, wal).minus(mark).per(b.count());
                cpuWith.add(roundWith);
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
                with.add(b);
                mark = Cpu.now(bench, wal);
                Result after = bench.load.timed(s.filingConcurrency, s.filingSeconds, file);
                without.add(after);
                Cpu roundWithout = Cpu.now(bench, wal).minus(mark).per(after.count());
                cpuWithout.add(roundWithout);
                answered.clear();
                double ratio = b.throughput() / ((before.throughput() + after.throughput()) / 2);
                ratios.add(ratio);
                lags.addAll(roundLags);
                fromTimestamp.addAll(roundFromTimestamp);
                bench.say("  round " + (round + 1) + ": filing " + f0(b.throughput()) + "/s (p50 " + f0(b.p(50)) + " ms) with a subscription ("
                        + window + ") between " + f0(before.throughput()) + " and " + f0(after.throughput()) + "/s without, ratio "
                        + f2(ratio) + "; " + roundLags.size() + " events, lag after the 201 p50 " + f1(percentile(roundLags, 50))
                        + " ms, p99 " + f1(percentile(roundLags, 99)) + " ms; from the event's timestamp p50 "
                        + f1(percentile(roundFromTimestamp, 50)) + " ms, p99 " + f1(percentile(roundFromTimestamp, 99)) + " ms; CPU per filing "
                        + roundWith.describe() + " with, " + roundWithout.describe() + " in the round without after it");
                before = after;
            }
            duplicates = receiver.seen.values().stream().filter(n -> n > 1).count();
        }
        double p50 = percentile(lags, 50);
        double p99 = percentile(lags, 99);
        double tsP50 = percentile(fromTimestamp, 50);
        double tsP99 = percentile(fromTimestamp, 99);
        double ratio = median(ratios);
        Cpu medianWith = medianOf(cpuWith);
        Cpu medianWithout = medianOf(cpuWithout);
        String cpu = "; CPU per filing, median of the rounds: " + medianWith.describe() + " with, " + medianWithout.describe()
                + " without: " + f1(medianWith.total() - medianWithout.total()) + " ms and " + f2(medianWith.walKb() - medianWithout.walKb())
                + " KB of WAL more per filing with its event delivered";
        bench.say("  webhooks" + cpu.substring(1));
        return List.of(
                new Row("webhook delivery lag, commit → receiver, while filing at concurrency " + s.filingConcurrency + ", p50 / p99",
                        "≤ 100 ms / ≤ 1 s", f1(p50) + " ms / " + f1(p99) + " ms after the filer's 201 (" + lags.size() + " events, "
                        + duplicates + " received twice; from the event's timestamp in the transaction: " + f1(tsP50) + " / "
                        + f1(tsP99) + " ms)", p50 <= 100 && p99 <= 1000),
                new Row("filing throughput with one active webhook subscription vs without (same run)", "≥ 0.9×",
                        f2(ratio) + "× (median of " + ratios.size() + " rounds' ratios, range " + range(ratios, 2) + "; "
                                + f0(median(with.throughputs)) + " vs " + f0(median(without.throughputs)) + " filings/s, rounds "
                                + range(with.throughputs, 0) + " with, " + range(without.throughputs, 0) + " without" + cpu + ")", ratio >= 0.9));
    }

    /** Each part's median over the rounds. */
    private static Cpu medianOf(List<Cpu> rounds) {
        return new Cpu(median(rounds.stream().map(Cpu::service).toList()), median(rounds.stream().map(Cpu::postgres).toList()),
                median(rounds.stream().map(Cpu::load).toList()), median(rounds.stream().map(Cpu::walKb).toList()));
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
