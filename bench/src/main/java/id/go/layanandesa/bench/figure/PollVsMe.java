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

/**
 * An unchanged queue polled with If-None-Match (304) against the service's cheapest authenticated call,
 * {@code GET /api/v1/me}, same clients and token, alternating rounds: what a poll costs beyond authentication.
 */
final class PollVsMe implements Figure {

    @Override
    public String name() {
        return "poll-me";
    }

    @Override
    public String title() {
        return "unchanged-queue poll (304) throughput vs GET /me (≥ 0.83×, i.e. cost ≤ 1.2×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        Api api = bench.api;
        String token = bench.accounts().dukcapilToken();
        String path = "/api/v1/queue?limit=20";
        HttpResponse<String> first = api.get(path, token, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        bench.say("unchanged-queue poll (304) vs GET /me, concurrency " + s.pollConcurrency);
        for (int i = 0; i < 2; i++) {
            bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.get(path, token, etag), 304));
            bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.get(AuthenticatedVsRefused.ME, token, null), 200));
        }
        Rounds polls = new Rounds();
        Rounds me = new Rounds();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < s.rounds; round++) {
            // the order flips every round, so that a service still getting faster favours neither side
            Result p = null;
            Result m = null;
            for (int half = 0; half < 2; half++) {
                if ((round + half) % 2 == 0) {
                    p = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.get(path, token, etag), 304));
                } else {
                    m = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.get(AuthenticatedVsRefused.ME, token, null), 200));
                }
            }
            polls.add(p);
            me.add(m);
            ratios.add(p.throughput() / m.throughput());
            bench.say("  round " + (round + 1) + ": 304 " + f0(p.throughput()) + "/s, /me " + f0(m.throughput()) + "/s");
        }
        double ratio = median(polls.throughputs) / median(me.throughputs);
        return List.of(new Row("unchanged-queue poll (304) throughput vs GET /me, concurrency " + s.pollConcurrency,
                "≥ 0.83× (cost ≤ 1.2×)", f2(ratio) + "× (" + f0(median(polls.throughputs)) + " vs " + f0(median(me.throughputs))
                + " req/s, cost " + f2(1 / ratio) + "×; round ratios " + range(ratios, 2) + ")", ratio >= 1 / 1.2));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("304 vs /me: the queue's first page with its ETag against GET /api/v1/me, both as the Disdukcapil officer, "
                + settings.pollConcurrency + " concurrent clients, rounds of " + settings.pollSeconds + " s each way, which goes first "
                + "alternating from round to round.");
    }
}
