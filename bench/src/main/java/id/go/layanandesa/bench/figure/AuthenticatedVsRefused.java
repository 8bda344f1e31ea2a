package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

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
        SideBySide m = SideBySide.measure(bench, "/me", w -> Api.expect(api.get(ME, token, null), 200),
                "401", w -> Api.expect(api.send(refused), 401));
        return List.of(new Row("GET /me throughput vs the same path answered 401 without credentials, concurrency " + s.pollConcurrency,
                "≥ 0.5×", m.figures() + "; " + m.roundRatios() + ")", m.ratio() >= 0.5));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("/me vs 401: GET /api/v1/me as the Disdukcapil officer (a token of a login session) against the same GET "
                + "without credentials, " + settings.pollConcurrency + " concurrent clients, rounds of " + settings.pollSeconds + " s each way, "
                + "which goes first alternating from round to round.");
    }
}
