package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;
import io.quarkus.elytron.security.common.BcryptUtil;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * A kabupaten's desa officers from one CSV of 300 lines, as its admin uploads it: every account created with its
 * one-time activation secret, in at most 5 s. The baseline is what the naive way would cost, in this process: 300
 * bcrypt hashes at the service's cost (10) and 300 inserts over JDBC; the service keeps one-time secrets (random,
 * about 93 bits) under a fast hash and spends a bcrypt check only when one is used to log in.
 */
final class AccountCsvImport implements Figure {

    static final int LINES = 300;

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public String title() {
        return "300-line account CSV, activation secrets included (≤ 5 s)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        List<String> desas = new ArrayList<>();
        try (Connection c = bench.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select code from region where level = 4 and code like '73.24.%' order by code")) {
            while (rs.next()) {
                desas.add(rs.getString(1));
            }
        }
        int rounds = bench.settings.smoke ? 1 : bench.settings.rounds;
        bench.say("uploading " + LINES + "-line account CSVs as the admin, " + rounds + " rounds");
        List<Double> service = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            StringBuilder csv = new StringBuilder("username,displayName,role,desa\n");
            for (int i = 0; i < LINES; i++) {
                csv.append("bench.").append(run).append('.').append(i).append(",Operator Desa ").append(i).append(",DESA_OFFICER,")
                        .append(desas.get(i % desas.size())).append('\n');
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = bench.api.send(HttpRequest.newBuilder(bench.api.uri("/api/v1/accounts/import"))
                    .header("Authorization", "Bearer " + bench.accounts().adminToken()).header("Content-Type", "text/csv")
                    .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build());
            long took = System.nanoTime() - t0;
            Api.expect(r, 200);
            JsonNode report = Api.JSON.readTree(r.body());
            if (report.get("created").asInt() != LINES) {
                throw new IllegalStateException("expected " + LINES + " accounts, the report says " + report.get("created"));
            }
            service.add(took / 1e9);
            baseline.add(naive(bench, run, desas) / 1e9);
            bench.say("  round " + (round + 1) + ": " + f2(took / 1e9) + " s; bcrypt and JDBC " + f2(baseline.get(round)) + " s");
        }
        double s = median(service);
        double b = median(baseline);
        return List.of(new Row("300-line account CSV (created, activation secrets shown once)", "≤ 5 s",
                f2(s) + " s median (" + range(service, 2) + " s); " + f1(b / s) + "× faster than 300 bcrypt hashes at cost 10 and "
                        + "300 JDBC inserts (" + f2(b) + " s)", s <= 5));
    }

    /** The naive import: a bcrypt hash per account, one insert each, in one transaction; its nanoseconds. */
    private static long naive(Bench bench, String run, List<String> desas) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = bench.db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("insert into account (id, kabupaten_code, username, display_name, password_hash, "
                    + "role, desa_code, password_change_required, created_at, updated_at) values (nextval('account_seq'), '73.24', ?, ?, ?, "
                    + "'DESA_OFFICER', ?, true, now(), now())")) {
                for (int i = 0; i < LINES; i++) {
                    p.setString(1, "naive." + run + "." + i);
                    p.setString(2, "Operator Desa " + i);
                    p.setString(3, BcryptUtil.bcryptHash("Aktivasi" + run + i, 10));
                    p.setString(4, desas.get(i % desas.size()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
        return System.nanoTime() - t0;
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("accounts: POST /api/v1/accounts/import, " + LINES + " DESA_OFFICER lines spread over the demo desa, as the admin, "
                + "one upload per round; baseline: 300 bcrypt hashes (cost 10) and batched JDBC inserts in the bench's process.");
    }
}
