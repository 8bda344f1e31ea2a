package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.fmtMs;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;
import static id.go.layanandesa.bench.Numbers.rangeMs;

/**
 * Filing through the API against the statements it issues run over plain JDBC ({@link JdbcFiling}), at
 * 10k and at 1M requests; also the latency at that load and how throughput holds as history grows.
 */
final class FilingVsJdbc implements Figure {

    private Rounds apiSmall;
    private Rounds baseSmall;

    @Override
    public String name() {
        return "filing";
    }

    @Override
    public String title() {
        return "filing throughput vs the JDBC baseline at 10k and 1M (≥ 0.6×), latency, 1M vs 10k (≥ 0.9×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        switch (stage) {
            case SMALL -> {
                apiSmall = new Rounds();
                baseSmall = new Rounds();
                measure(bench, apiSmall, baseSmall, "10k");
                return List.of();
            }
            case LARGE -> {
                Rounds apiLarge = new Rounds();
                Rounds baseLarge = new Rounds();
                measure(bench, apiLarge, baseLarge, "1M");
                return rows(bench.settings, apiLarge, baseLarge);
            }
            default -> throw new IllegalArgumentException("measures at SMALL and LARGE, not " + stage);
        }
    }

    @Override
    public List<String> settings(Settings s) {
        return List.of("Filing: " + s.filingConcurrency + " concurrent clients (virtual threads, java.net.http, HTTP/1.1), one desa officer each over "
                + s.filingConcurrency + " desa of Luwu Timur, AKTA_KELAHIRAN with an Idempotency-Key; warm-up "
                + s.filingWarmup + " s, rounds of " + s.filingSeconds
                + " s, API and JDBC rounds alternating. The JDBC baseline runs the statements one filing issues, in the same round trips "
                + "(the Idempotency-Key's lock with its look-up; the request, its first entry and its OPD-list row; the webhook outbox's insert; "
                + "the answer kept for the key; just before the commit the desa's list version, the statistics' rollup and the queue's version), "
                + "in one transaction, one connection per client ("
                + s.filingConcurrency + ", the service's pool size), ids in blocks of 50 as the service takes them.");
    }

    /** Warm-ups of both, then measured rounds, service and baseline alternating so that both see the same background noise. */
    private static void measure(Bench bench, Rounds api, Rounds base, String label) throws Exception {
        Settings s = bench.settings;
        bench.say("filing via the API (" + label + "): warm-up " + s.filingWarmup + " s");
        bench.load.timed(s.filingConcurrency, s.filingWarmup, bench::fileViaApi);
        int baselineWarmup = Math.max(2, s.filingWarmup / 2);
        bench.say("filing via plain JDBC (" + label + "): warm-up " + baselineWarmup + " s");
        try (JdbcFiling filer = new JdbcFiling(bench, s.filingConcurrency)) {
            bench.load.timed(s.filingConcurrency, baselineWarmup, filer::file);
        }
        try (JdbcFiling filer = new JdbcFiling(bench, s.filingConcurrency)) {
            for (int round = 0; round < s.rounds; round++) {
                Result a = bench.load.timed(s.filingConcurrency, s.filingSeconds, bench::fileViaApi);
                api.add(a);
                Result b = bench.load.timed(s.filingConcurrency, s.filingSeconds, filer::file);
                base.add(b);
                bench.say("  round " + (round + 1) + " (" + label + "): API " + f0(a.throughput()) + "/s (p50 " + fmtMs(a.p(50))
                        + ", p99 " + fmtMs(a.p(99)) + "), JDBC " + f0(b.throughput()) + "/s (p50 " + fmtMs(b.p(50)) + ")");
            }
        }
    }

    private List<Row> rows(Settings s, Rounds apiLarge, Rounds baseLarge) {
        List<Row> rows = new ArrayList<>();
        rows.add(ratioRow("filing throughput via the API, concurrency " + s.filingConcurrency + ", vs the JDBC baseline (10k requests)",
                apiSmall, baseSmall));
        rows.add(ratioRow("filing throughput via the API vs the JDBC baseline (1M requests)", apiLarge, baseLarge));
        double p50 = median(apiSmall.p50s), p99 = median(apiSmall.p99s);
        rows.add(new Row("filing latency p50 / p99 at that load (10k)", "report; p99 ≤ 10× p50",
                fmtMs(p50) + " / " + fmtMs(p99) + " (p99 = " + f1(p99 / p50) + "× p50; p50 rounds " + rangeMs(apiSmall.p50s)
                        + ", p99 rounds " + rangeMs(apiSmall.p99s) + ")", p99 <= 10 * p50));
        double fp50 = median(apiLarge.p50s), fp99 = median(apiLarge.p99s);
        rows.add(new Row("filing latency p50 / p99 at that load (1M)", "report; p99 ≤ 10× p50",
                fmtMs(fp50) + " / " + fmtMs(fp99) + " (p99 = " + f1(fp99 / fp50) + "× p50)", fp99 <= 10 * fp50));
        double scale = median(apiLarge.throughputs) / median(apiSmall.throughputs);
        rows.add(new Row("filing throughput with 1M requests vs with 10k", "≥ 0.9×",
                f2(scale) + "× (" + f0(median(apiLarge.throughputs)) + " vs " + f0(median(apiSmall.throughputs))
                        + " filings/s; the JDBC baseline moved " + f2(median(baseLarge.throughputs) / median(baseSmall.throughputs)) + "×)",
                scale >= 0.9));
        return rows;
    }

    private static Row ratioRow(String figure, Rounds api, Rounds base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < api.throughputs.size(); i++) {
            ratios.add(api.throughputs.get(i) / base.throughputs.get(i));
        }
        double ratio = median(api.throughputs) / median(base.throughputs);
        return new Row(figure, "≥ 0.6× (aim 0.8×)", f2(ratio) + "× (" + f0(median(api.throughputs)) + " vs " + f0(median(base.throughputs))
                + " filings/s; API rounds " + range(api.throughputs, 0) + ", JDBC rounds " + range(base.throughputs, 0)
                + ", round ratios " + range(ratios, 2) + ")", ratio >= 0.6);
    }
}
