package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Db;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * Applying the demo kabupaten's configuration document to the installation that has it: nothing changes, and it
 * must take at most a second. The document is the one the installation exports (the demo document, plus the OPDs the
 * bench added). The baseline reads, over JDBC, what a no-change application must read: the kabupaten's OPDs, catalog,
 * routing rules and holidays, and the regions the document names.
 */
final class ConfigurationReapply implements Figure {

    private static final String PATH = "/api/v1/kabupaten/73.24/configuration";

    @Override
    public String name() {
        return "reapply";
    }

    @Override
    public String title() {
        return "applying the demo configuration document to an installation that has it, no change (≤ 1 s)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        String admin = bench.accounts().adminToken();
        String document = bench.api.get(PATH, admin, null).body();
        int items = 0;
        for (String part : List.of("opds", "catalog", "routingRules", "holidays")) {
            items += Api.JSON.readTree(document).get(part).size();
        }
        bench.say("re-applying the demo kabupaten's document (" + items + " items, " + document.length() / 1024 + " KB), "
                + bench.settings.rounds + " rounds of " + rounds(bench.settings) + " applications");
        for (int i = 0; i < 3; i++) {
            apply(bench, admin, document);
        }
        List<Double> service = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int round = 0; round < bench.settings.rounds; round++) {
            for (int i = 0; i < rounds(bench.settings); i++) {
                service.add(apply(bench, admin, document) / 1e6);
                baseline.add(read(bench) / 1e6);
            }
        }
        double ms = median(service);
        double base = median(baseline);
        return List.of(new Row("applying the demo configuration document again (no change)", "≤ 1 s",
                f0(ms) + " ms median (" + range(service, 0) + " ms), every item UNCHANGED; " + f1(ms / base) + "× a JDBC read of what it "
                        + "compares (" + f1(base) + " ms)", ms <= 1000));
    }

    private static int rounds(Settings settings) {
        return settings.smoke ? 2 : 10;
    }

    /** One PUT of the document; its nanoseconds. Fails unless every item is UNCHANGED. */
    private static long apply(Bench bench, String token, String document) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = bench.api.send(HttpRequest.newBuilder(bench.api.uri(PATH)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build());
        long took = System.nanoTime() - t0;
        Api.expect(r, 200);
        JsonNode summary = Api.JSON.readTree(r.body()).get("summary");
        if (summary.get("added").asInt() + summary.get("changed").asInt() + summary.get("removed").asInt() != 0) {
            throw new IllegalStateException("the document changed something: " + summary);
        }
        return took;
    }

    private static long read(Bench bench) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = bench.db.connect()) {
            for (String sql : List.of("select * from opd where kabupaten_code = '73.24'", "select * from service_type where kabupaten_code = '73.24'",
                    "select * from routing_rule where kabupaten_code = '73.24'", "select * from holiday where kabupaten_code = '73.24'",
                    "select code, level from region where code in (select region_code from opd where kabupaten_code = '73.24')")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    Db.drain(p);
                }
            }
        }
        return System.nanoTime() - t0;
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("reapply: PUT /api/v1/kabupaten/73.24/configuration with the document the installation exports, as its admin, "
                + rounds(settings) + " times per round after 3 unmeasured; baseline: the same reads over one JDBC connection.");
    }
}
