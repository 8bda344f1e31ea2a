package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Numbers;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.fmtMs;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.rangeMs;

/**
 * A kabupaten-year of request statistics (the last 365 days, by OPD and by desa) as the admin asks for it, p50 at
 * 1M requests vs at 10k, in the same run. The requests the bench writes straight into the database bypass the
 * service, so the rollups are counted again first ({@code stat_rebuild()}, what the migration does for existing
 * requests); its time is reported too.
 */
final class StatisticsAtScale implements Figure {

    private Rounds opdSmall;
    private Rounds desaSmall;
    private final List<String> notes = new ArrayList<>();

    @Override
    public String name() {
        return "statistics";
    }

    @Override
    public String title() {
        return "statistics, a kabupaten-year by OPD and by desa: p50 ≤ 300 ms at 1M requests and ≤ 2× its 10k figure";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        rebuild(bench);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Makassar"));
        String range = "from=" + today.minusYears(1).plusDays(1) + "&to=" + today;
        String opd = "/api/v1/statistics/requests?" + range + "&groupBy=OPD";
        String desa = "/api/v1/statistics/requests?" + range + "&groupBy=DESA";
        switch (stage) {
            case SMALL -> {
                opdSmall = rounds(bench, "statistics by OPD", opd);
                desaSmall = rounds(bench, "statistics by desa", desa);
                return List.of();
            }
            case LARGE -> {
                Rounds opdLarge = rounds(bench, "statistics by OPD", opd);
                Rounds desaLarge = rounds(bench, "statistics by desa", desa);
                return List.of(row("statistics of a kabupaten-year by OPD, p50 at 1M (≤ 300 ms) and vs 10k (≤ 2×)", opdLarge, opdSmall),
                        row("statistics of a kabupaten-year by desa, p50 at 1M (≤ 300 ms) and vs 10k (≤ 2×)", desaLarge, desaSmall));
            }
            default -> throw new IllegalArgumentException("measures at SMALL and LARGE, not " + stage);
        }
    }

    @Override
    public List<String> settings(Settings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("Statistics: " + settings.listRequests + " sequential GETs per round of /api/v1/statistics/requests over the last "
                + "365 days in Luwu Timur's zone, by OPD and by desa, as the admin; the rollups counted again after each bulk load.");
        lines.addAll(notes);
        return lines;
    }

    private void rebuild(Bench bench) throws Exception {
        long t0 = System.nanoTime();
        long counted;
        try (Connection c = bench.db.connect()) {
            counted = id.go.layanandesa.bench.Db.single(c, "select stat_rebuild()");
        }
        String line = "Statistics rollups counted again (stat_rebuild) for " + counted + " requests in "
                + f1((System.nanoTime() - t0) / 1e9) + " s.";
        bench.say(line);
        notes.add(line);
    }

    private static Rounds rounds(Bench bench, String what, String path) throws Exception {
        int requests = bench.settings.listRequests;
        String token = bench.accounts().adminToken();
        HttpResponse<String> first = bench.api.get(path, token, null);
        if (!Api.expect(first, 200)) {
            throw new IllegalStateException(what + ": " + first.statusCode() + " " + first.body());
        }
        bench.say(what + ": " + requests + " sequential requests (at most 15 s) x " + bench.settings.rounds + " rounds after a warm-up; "
                + bench.db.count("service_request") + " requests in the database");
        Rounds rounds = new Rounds();
        Result warm = bench.load.sequential(requests / 2, 10, () -> bench.api.get(path, token, null));
        for (int round = 0; round < bench.settings.rounds; round++) {
            rounds.add(bench.load.sequential(requests, 15, () -> bench.api.get(path, token, null)));
        }
        bench.say("  p50 per round " + rounds.p50s.stream().map(Numbers::fmtMs).collect(Collectors.joining(", ")) + " (warm-up p50 "
                + fmtMs(warm.p(50)) + ")");
        return rounds;
    }

    private static Row row(String what, Rounds large, Rounds small) {
        double p50 = median(large.p50s);
        double ratio = p50 / median(small.p50s);
        boolean met = p50 <= 300 && ratio <= 2.0;
        return new Row(what, "≤ 300 ms, ≤ 2×", fmtMs(p50) + ", " + f2(ratio) + "× (" + fmtMs(p50) + " vs " + fmtMs(median(small.p50s))
                + "; rounds " + rangeMs(large.p50s) + " vs " + rangeMs(small.p50s) + ")", met);
    }
}
