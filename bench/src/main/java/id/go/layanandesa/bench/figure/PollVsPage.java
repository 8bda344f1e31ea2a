package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/** An unchanged queue polled with If-None-Match (304) against the full first page (200), same clients, alternating rounds. */
final class PollVsPage implements Figure {

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public String title() {
        return "unchanged-queue poll (304) throughput vs the full first page at 10k (≥ 5×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        Api api = bench.api;
        String token = bench.accounts().dukcapilToken();
        String path = "/api/v1/queue?limit=20";
        HttpResponse<String> first = api.get(path, token, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        bench.say("unchanged-queue poll (304) vs full first page, concurrency " + s.pollConcurrency);
        bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.get(path, token, etag), 304));
        bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.get(path, token, null), 200));
        Rounds polls = new Rounds();
        Rounds lists = new Rounds();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < s.rounds; round++) {
            Result p = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.get(path, token, etag), 304));
            Result l = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.get(path, token, null), 200));
            polls.add(p);
            lists.add(l);
            ratios.add(p.throughput() / l.throughput());
            bench.say("  round " + (round + 1) + ": 304 " + f0(p.throughput()) + "/s, 200 " + f0(l.throughput()) + "/s");
        }
        double ratio = median(polls.throughputs) / median(lists.throughputs);
        return List.of(new Row("unchanged-queue poll (304) throughput vs full first-page listing (10k)", "≥ 5×",
                f2(ratio) + "× (" + f0(median(polls.throughputs)) + " vs " + f0(median(lists.throughputs)) + " req/s; round ratios "
                        + range(ratios, 2) + ")", ratio >= 5));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("304 vs 200: the queue's first page as the Disdukcapil officer, " + settings.pollConcurrency
                + " concurrent clients, rounds of " + settings.pollSeconds + " s.");
    }
}
