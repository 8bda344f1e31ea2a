package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.percentile;
import static id.go.layanandesa.bench.Numbers.range;

/** How soon a consumer waiting on an empty queue (long-poll claim) gets a request just filed. */
final class LongPollWakeUp implements Figure {

    @Override
    public String name() {
        return "wake";
    }

    @Override
    public String title() {
        return "long-poll wake-up, filing's 201 to the waiting consumer, p50 / p99 (≤ 50 ms / ≤ 250 ms)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        bench.say("long-poll wake-up: " + s.rounds + " rounds of " + s.wakeSamples + " filings to a waiting consumer");
        List<Double> all = new ArrayList<>();
        List<Double> roundP50 = new ArrayList<>();
        wakeRound(bench, 5);
        for (int round = 0; round < s.rounds; round++) {
            List<Double> samples = wakeRound(bench, s.wakeSamples);
            all.addAll(samples);
            roundP50.add(percentile(samples, 50));
        }
        double p50 = percentile(all, 50);
        double p99 = percentile(all, 99);
        bench.say("  wake-up p50 " + f1(p50) + " ms, p99 " + f1(p99) + " ms");
        return List.of(new Row("long-poll wake-up: filing's 201 → waiting consumer has it, p50 / p99", "≤ 50 ms / ≤ 250 ms",
                f1(p50) + " ms / " + f1(p99) + " ms (" + all.size() + " samples; round p50s " + range(roundP50, 1) + " ms)",
                p50 <= 50 && p99 <= 250));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("Long-poll: a consumer waits (waitSeconds 20) on its OPD's empty queue; 300 ms later a desa files a request routed there; "
                + "the figure is the time from the filer receiving 201 to the consumer receiving the claim. "
                + settings.wakeSamples + " samples a round.");
    }

    /** Each sample: a consumer waits on the empty queue; a desa files; time from the 201 to the consumer's answer. */
    private static List<Double> wakeRound(Bench bench, int n) throws Exception {
        Api api = bench.api;
        String wakeToken = bench.opds().wakeToken();
        List<Double> samples = new ArrayList<>();
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n; i++) {
                Future<Long> consumer = exec.submit(() -> {
                    HttpResponse<String> r = api.post("/api/v1/queue/claims", wakeToken,
                            Map.of("limit", 1, "leaseSeconds", 60, "waitSeconds", 20), Map.of());
                    long got = System.nanoTime();
                    Api.expect(r, 200);
                    JsonNode items = Api.JSON.readTree(r.body()).get("items");
                    if (items.isEmpty()) {
                        throw new IllegalStateException("the waiting claim came back empty");
                    }
                    String claimId = Api.JSON.readTree(r.body()).get("claimId").asText();
                    Api.expect(api.post("/api/v1/queue/requests/" + items.get(0).get("id").asLong() + "/accept", wakeToken,
                            Map.of("claimId", claimId), Map.of()), 200);
                    return got;
                });
                Thread.sleep(300); // the claim is waiting by now
                HttpResponse<String> filed = api.post("/api/v1/requests", bench.accounts().wakeDesaToken(), bench.filingBody(0), Map.of());
                long created = System.nanoTime();
                Api.expect(filed, 201);
                long got = consumer.get(30, TimeUnit.SECONDS);
                samples.add((got - created) / 1e6);
            }
        } finally {
            exec.shutdown();
        }
        return samples;
    }
}
