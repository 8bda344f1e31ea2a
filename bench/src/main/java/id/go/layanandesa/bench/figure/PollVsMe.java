package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.util.List;

import static id.go.layanandesa.bench.Numbers.f2;

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
        String etag = api.get(path, token, null).headers().firstValue("ETag").orElseThrow();
        bench.say("unchanged-queue poll (304) vs GET /me, concurrency " + s.pollConcurrency);
        SideBySide m = SideBySide.measure(bench, "304", w -> Api.expect(api.get(path, token, etag), 304),
                "/me", w -> Api.expect(api.get(AuthenticatedVsRefused.ME, token, null), 200));
        return List.of(new Row("unchanged-queue poll (304) throughput vs GET /me, concurrency " + s.pollConcurrency,
                "≥ 0.83× (cost ≤ 1.2×)", m.figures() + ", cost " + f2(1 / m.ratio()) + "×; " + m.roundRatios() + ")",
                m.ratio() >= 1 / 1.2));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("304 vs /me: the queue's first page with its ETag against GET /api/v1/me, both as the Disdukcapil officer, "
                + settings.pollConcurrency + " concurrent clients, rounds of " + settings.pollSeconds + " s each way, which goes first "
                + "alternating from round to round.");
    }
}
