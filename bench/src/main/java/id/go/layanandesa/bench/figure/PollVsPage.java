package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.util.List;

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
        String etag = api.get(path, token, null).headers().firstValue("ETag").orElseThrow();
        bench.say("unchanged-queue poll (304) vs full first page, concurrency " + s.pollConcurrency);
        SideBySide m = SideBySide.measure(bench, "304", w -> Api.expect(api.get(path, token, etag), 304),
                "200", w -> Api.expect(api.get(path, token, null), 200));
        return List.of(new Row("unchanged-queue poll (304) throughput vs full first-page listing (10k)", "≥ 5×",
                m.figures() + "; " + m.roundRatios() + ")", m.ratio() >= 5));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("304 vs 200: the queue's first page as the Disdukcapil officer, " + settings.pollConcurrency
                + " concurrent clients, rounds of " + settings.pollSeconds + " s each way, which goes first alternating from round to round.");
    }
}
