package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.stream.Collectors;

import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.fmtMs;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.rangeMs;

/**
 * What recording reads of personal data in the audit trail costs the reads: the desa list and a request's detail, p50,
 * with the recording on vs off. The service is started with {@code layanan.audit.record-reads} off and on in turn (off,
 * on, off, on ...), each time warmed up the same way, so that neither side profits from the other's JIT; it is left on.
 */
final class AuditOverhead implements Figure {

    private static final String DESA_LIST = "/api/v1/requests?limit=20";

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String title() {
        return "desa list and request detail p50 with reads recorded in the audit trail vs not (≤ 1.2×)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Rounds listOff = new Rounds();
        Rounds listOn = new Rounds();
        Rounds detailOff = new Rounds();
        Rounds detailOn = new Rounds();
        for (int round = 0; round < bench.settings.rounds; round++) {
            for (boolean on : new boolean[]{false, true}) {
                bench.restartService(List.of("-Dlayanan.audit.record-reads=" + on));
                String token = bench.accounts().listDesaToken();
                String detail = "/api/v1/requests/" + firstRequest(bench, token);
                int n = bench.settings.listRequests;
                // the same warm-up either way: the JIT compiles what the measured calls run
                bench.load.sequential(n, 10, () -> ok(bench.api.get(DESA_LIST, token, null)));
                bench.load.sequential(n, 10, () -> ok(bench.api.get(detail, token, null)));
                Result list = bench.load.sequential(n, 15, () -> ok(bench.api.get(DESA_LIST, token, null)));
                Result one = bench.load.sequential(n, 15, () -> ok(bench.api.get(detail, token, null)));
                (on ? listOn : listOff).add(list);
                (on ? detailOn : detailOff).add(one);
                bench.say("  round " + (round + 1) + ", reads recorded " + (on ? "on " : "off") + ": desa list p50 " + fmtMs(list.p(50))
                        + ", detail p50 " + fmtMs(one.p(50)));
            }
        }
        bench.say("  desa list p50 off " + join(listOff) + " / on " + join(listOn) + "; detail p50 off " + join(detailOff) + " / on "
                + join(detailOn));
        return List.of(row("desa list p50, reads recorded in the audit trail vs not", listOn, listOff),
                row("request detail p50, reads recorded in the audit trail vs not", detailOn, detailOff));
    }

    @Override
    public List<String> settings(Settings settings) {
        return List.of("Audit of reads: " + settings.rounds + " rounds, each restarting the service with layanan.audit.record-reads off "
                + "and then on; per start " + settings.listRequests + " sequential GETs of the desa list (limit 20) and of one "
                + "request's detail as a desa officer, after as many unmeasured ones; run after every other figure (it restarts the "
                + "service), at " + settings.large + " requests.");
    }

    private static long firstRequest(Bench bench, String token) throws Exception {
        JsonNode page = Api.JSON.readTree(ok(bench.api.get(DESA_LIST, token, null)).body());
        return page.path("items").get(0).path("id").asLong();
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String join(Rounds rounds) {
        return rounds.p50s.stream().map(Numbers::fmtMs).collect(Collectors.joining(", "));
    }

    private static Row row(String what, Rounds on, Rounds off) {
        double ratio = median(on.p50s) / median(off.p50s);
        return new Row(what, "≤ 1.2×", f2(ratio) + "× (" + fmtMs(median(on.p50s)) + " vs " + fmtMs(median(off.p50s)) + "; rounds "
                + rangeMs(on.p50s) + " vs " + rangeMs(off.p50s) + ")", ratio <= 1.2);
    }
}
