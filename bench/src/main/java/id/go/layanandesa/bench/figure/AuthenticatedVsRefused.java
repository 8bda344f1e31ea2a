package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * The fixed cost of every authenticated call: {@code GET /api/v1/me} with a token against the same path answered 401
 * without one, same clients, alternating rounds. The 401 is what routing and the HTTP stack cost; the difference is
 * the token's verification, the identity's checks and the smallest answer an authenticated call gives.
 */
final class AuthenticatedVsRefused implements Figure {

    static final String ME = "/api/v1/me";

    @Override
    public String name() {
        return "me";
    }

    @Override
    public String title() {
        return "GET /me throughput vs the same path answered 401 without credentials (≥ 0.5×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        Api api = bench.api;
        String token = bench.accounts().dukcapilToken();
        HttpRequest refused = HttpRequest.newBuilder(api.uri(ME)).timeout(Duration.ofSeconds(60)).GET().build();
        bench.say("GET /me vs 401 without credentials, concurrency " + s.pollConcurrency);
        // warm-up, twice each way: both paths are compiled before the first measured round
        for (int i = 0; i < 2; i++) {
            bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.get(ME, token, null), 200));
            bench.load.timed(s.pollConcurrency, 2, w -> Api.expect(api.send(refused), 401));
        }
        Rounds me = new Rounds();
        Rounds anonymous = new Rounds();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < s.rounds; round++) {
            // the order flips every round, so that a service still getting faster favours neither side
            Result m = null;
            Result a = null;
            for (int half = 0; half < 2; half++) {
                if ((round + half) % 2 == 0) {
                    m = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.get(ME, token, null), 200));
                } else {
                    a = bench.load.timed(s.pollConcurrency, s.pollSeconds, w -> Api.expect(api.send(refused), 401));
                }
            }
            me.add(m);
            anonymous.add(a);
            ratios.add(m.throughput() / a.throughput());
            bench.say("  round " + (round + 1) + ": /me " + f0(m.throughput()) + "/s, 401 " + f0(a.throughput()) + "/s");
        }
        double ratio = median(me.throughputs) / median(anonymous.throughputs);
        return List.of(new Row("GET /me throughput vs the same path answered 401 without credentials, concurrency " + s.pollConcurrency,
                "≥ 0.5×", f2(ratio) + "× (" + f0(median(me.throughputs)) + " vs " + f0(median(anonymous.throughputs))
                + " req/s; round ratios " + range(ratios, 2) + ")", ratio >= 0.5));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("/me vs 401: GET /api/v1/me as the Disdukcapil officer (a token of a login session) against the same GET "
                + "without credentials, " + settings.pollConcurrency + " concurrent clients, rounds of " + settings.pollSeconds + " s each way, "
                + "which goes first alternating from round to round.");
    }
}
