package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Numbers;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.util.List;
import java.util.stream.Collectors;

import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.fmtMs;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.rangeMs;

/** First pages stay as fast when history grows: the queue and the desa list, p50 at 1M requests vs at 10k. */
final class ListingAtScale implements Figure {

    private static final String QUEUE = "/api/v1/queue?limit=20";
    private static final String DESA_LIST = "/api/v1/requests?limit=20";

    private Rounds queueSmall;
    private Rounds desaSmall;

    @Override
    public String name() {
        return "listing";
    }

    @Override
    public String title() {
        return "queue first page and desa list p50, 1M vs 10k requests (≤ 1.5×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        switch (stage) {
            case SMALL -> {
                queueSmall = listing(bench, "queue first page", QUEUE, bench.accounts().dukcapilToken());
                desaSmall = listing(bench, "desa list", DESA_LIST, bench.accounts().listDesaToken());
                return List.of();
            }
            case LARGE -> {
                Rounds queueLarge = listing(bench, "queue first page", QUEUE, bench.accounts().dukcapilToken());
                Rounds desaLarge = listing(bench, "desa list", DESA_LIST, bench.accounts().listDesaToken());
                return List.of(scaleRow("queue first page p50, 1M vs 10k requests", queueLarge, queueSmall),
                        scaleRow("desa list p50, 1M vs 10k requests", desaLarge, desaSmall));
            }
            default -> throw new IllegalArgumentException("measures at SMALL and LARGE, not " + stage);
        }
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("Listings: " + settings.listRequests + " sequential GETs per round (first page, limit 20): the queue as a "
                + "Disdukcapil officer, the desa list as a desa officer.");
    }

    private static Rounds listing(Bench bench, String what, String path, String token) throws Exception {
        int requests = bench.settings.listRequests;
        bench.say(what + ": " + requests + " sequential requests (at most 15 s) x " + bench.settings.rounds + " rounds after a warm-up; "
                + bench.db.count("service_request") + " requests in the database");
        Rounds rounds = new Rounds();
        Result warm = bench.load.sequential(requests / 2, 10, () -> bench.api.get(path, token, null));
        for (int round = 0; round < bench.settings.rounds; round++) {
            Result r = bench.load.sequential(requests, 15, () -> bench.api.get(path, token, null));
            rounds.add(r);
        }
        bench.say("  p50 per round " + rounds.p50s.stream().map(Numbers::fmtMs).collect(Collectors.joining(", ")) + " (warm-up p50 "
                + fmtMs(warm.p(50)) + ")");
        return rounds;
    }

    private static Row scaleRow(String what, Rounds large, Rounds small) {
        double ratio = median(large.p50s) / median(small.p50s);
        return new Row(what, "≤ 1.5×", f2(ratio) + "× (" + fmtMs(median(large.p50s)) + " vs " + fmtMs(median(small.p50s))
                + "; rounds " + rangeMs(large.p50s) + " vs " + rangeMs(small.p50s) + ")", ratio <= 1.5);
    }
}
